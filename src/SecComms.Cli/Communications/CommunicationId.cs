using System.CommandLine;
using System.Text.RegularExpressions;
using SecComms.Cli.Client;

namespace SecComms.Cli.Communications;

/// <summary>The <c>id</c> argument every single-communication command takes.</summary>
internal static partial class CommunicationId
{
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

    /// <summary>The id given, or the id of the communication with the reference given, looked up among those the caller may see, newest first.</summary>
    public static async Task<Guid> ResolveAsync(ParseResult parsed, Argument<string> id, ApiClient client, CancellationToken cancellationToken)
    {
        var value = parsed.GetValue(id) ?? "";
        if (Guid.TryParse(value, out var guid))
        {
            return guid;
        }
        if (!Reference().IsMatch(value))
        {
            throw CliException.Usage($"'{value}' is not a communication id or reference; ids look like 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b, references like SC-12.");
        }
        string? cursor = null;
        do
        {
            var page = client.Read<CommunicationPage>(await client.GetAsync(
                "api/v1/communications?limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), cancellationToken));
            if (page.Items.FirstOrDefault(c => string.Equals(c.Reference, value, StringComparison.OrdinalIgnoreCase)) is { } found)
            {
                return found.Id;
            }
            cursor = page.NextCursor == cursor ? null : page.NextCursor;
        }
        while (cursor is not null);
        throw CliException.Refused($"no communication {value.ToUpperInvariant()} among the ones you may see.");
    }

    [GeneratedRegex("^SC-[1-9][0-9]{0,8}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
