using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace SecComms.Cli;

/// <summary>Parses the command line, runs the command and turns every failure into one line on stderr and an exit code.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        var parsed = SecCommsCommand.Create(host).Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var error in parsed.Errors)
            {
                await host.Error.WriteLineAsync($"error: {error.Message}");
            }
            await host.Error.WriteLineAsync($"Run '{CommandPath(parsed.CommandResult)} --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            var invocation = new InvocationConfiguration { Output = host.Out, Error = host.Error, EnableDefaultExceptionHandler = false };
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        catch (Exception exception)
        {
            var (exitCode, message) = Failures.Describe(exception);
            await host.Error.WriteLineAsync($"error: {message}");
            return exitCode;
        }
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult current; result = current.Parent)
        {
            names.Add(current.Command is RootCommand ? SecCommsCommand.Name : current.Command.Name);
        }
        names.Reverse();
        return string.Join(' ', names);
    }
}
