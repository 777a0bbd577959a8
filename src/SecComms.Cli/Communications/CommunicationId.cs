using System.CommandLine;
using SecComms.Cli.Client;

namespace SecComms.Cli.Communications;

/// <summary>The <c>id</c> argument every single-communication command takes.</summary>
internal static class CommunicationId
{
    private static readonly ReferenceId Reference = new("SC", "communication", "api/v1/communications", "seccomms communications list");

    public static Argument<string> Create() =>
        new("id") { Description = "The communication's id (the ID column of `seccomms communications list`)." };

    /// <summary>The argument of commands that also take the reference people say, such as SC-12.</summary>
    public static Argument<string> CreateWithReference() =>
        new("id") { Description = "The communication's id or reference, such as SC-12 (see `seccomms communications list`)." };

    public static Guid Parse(ParseResult parsed, Argument<string> id)
    {
        var value = parsed.GetValue(id) ?? "";
        return Guid.TryParse(value, out var guid)
            ? guid
            : throw CliException.Usage($"'{value}' is not a communication id; ids look like 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b (see the ID column of `seccomms communications list`).");
    }

    /// <summary>The id given, or the id of the communication with the reference given, among those the caller may see.</summary>
    public static Task<Guid> ResolveAsync(ParseResult parsed, Argument<string> id, ApiClient client, CancellationToken cancellationToken) =>
        Reference.ResolveAsync(parsed, id, client, cancellationToken);
}
