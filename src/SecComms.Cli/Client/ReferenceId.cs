using System.CommandLine;
using System.Text.RegularExpressions;

namespace SecComms.Cli.Client;

/// <summary>
/// A record named by its id or by its reference (SR-3, INC-3, VULN-7), as people say it. A reference is looked up
/// through the list's <c>reference</c> filter, among the records the caller may see.
/// </summary>
/// <param name="prefix">The reference's prefix, such as INC.</param>
/// <param name="noun">What the record is, such as "incident".</param>
/// <param name="listPath">The API path that lists them.</param>
/// <param name="listCommand">The command that lists them.</param>
internal sealed class ReferenceId(string prefix, string noun, string listPath, string listCommand)
{
    private readonly Regex _reference = new($"^{prefix}-[1-9][0-9]{{0,8}}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>What an id and a reference look like, for error messages.</summary>
    public string Help => $"ids look like 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b, references like {prefix}-3 (see `{listCommand}`)";

    public Argument<string> Argument() => new("id") { Description = $"The {noun}'s id or reference, such as {prefix}-3 (see `{listCommand}`)." };

    public Task<Guid> ResolveAsync(ParseResult parsed, Argument<string> id, ApiClient client, CancellationToken cancellationToken) =>
        ResolveAsync(parsed.GetValue(id) ?? "", client, cancellationToken);

    public async Task<Guid> ResolveAsync(string value, ApiClient client, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(value, out var guid))
        {
            return guid;
        }
        if (!_reference.IsMatch(value))
        {
            throw CliException.Usage($"'{value}' is not {Article} {noun} id or reference; {Help}.");
        }
        var found = client.Read<Found>(await client.GetAsync(listPath + new Query().Add("reference", value), cancellationToken));
        return found.Items.FirstOrDefault()?.Id ?? throw CliException.Refused($"no {noun} {value.ToUpperInvariant()} among the ones you may see.");
    }

    private string Article => "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";

    private sealed record Found(List<Referenced> Items);

    private sealed record Referenced(Guid Id, string Reference);
}
