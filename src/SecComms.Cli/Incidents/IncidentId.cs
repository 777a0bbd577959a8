using System.CommandLine;
using System.Text.RegularExpressions;
using SecComms.Cli.Client;

namespace SecComms.Cli.Incidents;

/// <summary>An incident named by its id or by its reference (INC-3), as people say it.</summary>
internal static partial class IncidentId
{
    public static Argument<string> Create() =>
        new("id") { Description = "The incident's id or reference, such as INC-3 (see `seccomms incidents list`)." };

    public static Task<Guid> ResolveAsync(ParseResult parsed, Argument<string> id, ApiClient client, CancellationToken cancellationToken) =>
        ResolveAsync(parsed.GetValue(id) ?? "", client, cancellationToken);

    /// <remarks>
    /// The API finds incidents by id only; a reference is looked up in the list, which holds the newest hundred, so an
    /// older one needs its id. Outside the security team the list is empty, so every reference is unknown.
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
                $"'{value}' is not an incident id or reference; ids look like 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b, references like INC-3 (see `seccomms incidents list`).");
        }
        var all = client.Read<List<IncidentSummary>>(await client.GetAsync("api/v1/incidents", cancellationToken));
        return all.FirstOrDefault(i => string.Equals(i.Reference, value, StringComparison.OrdinalIgnoreCase))?.Id
            ?? throw CliException.Refused($"no such incident {value.ToUpperInvariant()} among the ones you may see; give its id if it is an older one.");
    }

    [GeneratedRegex("^INC-[1-9][0-9]{0,8}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
