using System.CommandLine;

namespace SecComms.Cli;

/// <summary>Options that every subcommand of a group shares, such as the database or the API to talk to.</summary>
internal interface IGroupOptions
{
    /// <summary>Adds the options to a command group; its subcommands inherit them.</summary>
    void AddTo(Command group);
}

internal static class CommandGroup
{
    /// <summary>A command such as <c>seccomms db</c>: subcommands built over one set of shared options, which the group carries.</summary>
    public static Command Create<TOptions>(string name, string description, Func<TOptions, IEnumerable<Command>> subcommands)
        where TOptions : IGroupOptions, new()
    {
        var options = new TOptions();
        var group = new Command(name, description);
        foreach (var subcommand in subcommands(options))
        {
            group.Subcommands.Add(subcommand);
        }
        options.AddTo(group);
        return group;
    }
}
