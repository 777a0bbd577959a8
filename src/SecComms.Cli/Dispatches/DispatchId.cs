using System.CommandLine;

namespace SecComms.Cli.Dispatches;

/// <summary>The <c>id</c> argument of the commands about one dispatch.</summary>
internal static class DispatchId
{
    public static Argument<string> Create() =>
        new("id") { Description = "The dispatch's id (the ID column of `seccomms dispatches list`, or what `communications test-send` printed)." };

    public static Guid Parse(ParseResult parsed, Argument<string> id)
    {
        var value = parsed.GetValue(id) ?? "";
        return Guid.TryParse(value, out var guid)
            ? guid
            : throw CliException.Usage($"'{value}' is not a dispatch id; ids look like 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b (see `seccomms dispatches list SC-12`).");
    }
}
