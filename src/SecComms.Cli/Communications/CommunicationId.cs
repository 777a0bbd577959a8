using System.CommandLine;

namespace SecComms.Cli.Communications;

/// <summary>The <c>id</c> argument every single-communication command takes.</summary>
internal static class CommunicationId
{
    public static Argument<string> Create() =>
        new("id") { Description = "The communication's id (the ID column of `seccomms communications list`)." };

    public static Guid Parse(ParseResult parsed, Argument<string> id)
    {
        var value = parsed.GetValue(id) ?? "";
        return Guid.TryParse(value, out var guid)
            ? guid
            : throw CliException.Usage($"'{value}' is not a communication id; ids look like 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b (see the ID column of `seccomms communications list`).");
    }
}
