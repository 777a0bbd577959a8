using System.CommandLine;

namespace SecComms.Cli.People;

/// <summary><c>--admin</c> and <c>--viewer</c>; neither makes a member.</summary>
internal sealed class RoleOptions
{
    public Option<bool> Admin { get; } = new("--admin") { Description = "An administrator: also manages people, tokens and settings." };

    public Option<bool> Viewer { get; } = new("--viewer") { Description = "A viewer: reads, changes nothing. Without --admin or --viewer: a member." };

    public void AddTo(Command command)
    {
        command.Options.Add(Admin);
        command.Options.Add(Viewer);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Admin) && result.GetValue(Viewer))
            {
                result.AddError("--admin and --viewer cannot be combined.");
            }
        });
    }

    public string Of(ParseResult parsed) => parsed.GetValue(Admin) ? "admin" : parsed.GetValue(Viewer) ? "viewer" : "member";
}
