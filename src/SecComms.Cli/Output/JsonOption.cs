using System.CommandLine;

namespace SecComms.Cli.Output;

internal static class JsonOption
{
    public static Option<bool> Create() => new("--json") { Description = "Print JSON (camelCase, as the API writes it) instead of text, for scripts." };
}
