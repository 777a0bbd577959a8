using System.CommandLine;
using System.Text.RegularExpressions;
using SecComms.Cli.Client;

namespace SecComms.Cli.Releases;

/// <summary>A security release named by its id or by its reference (SR-3), as people say it.</summary>
internal static partial class ReleaseId
{
    public static Argument<string> Create() =>
        new("id") { Description = "The release's id or reference, such as SR-3 (see `seccomms releases list`)." };

    public static Task<Guid> ResolveAsync(ParseResult parsed, Argument<string> id, ApiClient client, CancellationToken cancellationToken) =>
        ResolveAsync(parsed.GetValue(id) ?? "", client, cancellationToken);

    /// <remarks>
    /// The API finds releases by id only; a reference is looked up in the list, which holds the newest hundred, so an
    /// older one needs its id.
    /// </remarks>
    public static async Task<Guid> ResolveAsync(string value, ApiClient client, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(value, out var guid))
        {
            return guid;
        }
        if (!ReferencePattern().IsMatch(value))
        {
            throw CliException.Usage(
                $"'{value}' is not a release id or reference; ids look like 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b, references like SR-3 (see `seccomms releases list`).");
        }
        var all = client.Read<List<ReleaseSummary>>(await client.GetAsync("api/v1/releases", cancellationToken));
        return all.FirstOrDefault(r => string.Equals(r.Reference, value, StringComparison.OrdinalIgnoreCase))?.Id
            ?? throw CliException.Refused($"no security release {value.ToUpperInvariant()} among the newest; give its id if it is an older one.");
    }

    [GeneratedRegex("^SR-[1-9][0-9]{0,8}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
