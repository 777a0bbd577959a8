using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SecComms.Core.Advisories.Exports;

internal sealed partial class AdvisoryPublisherOptionsValidator : IValidateOptions<AdvisoryPublisherOptions>
{
    public static readonly IReadOnlySet<string> Categories = new HashSet<string>(StringComparer.Ordinal)
    {
        "coordinator", "discoverer", "other", "translator", "user", "vendor",
    };

    private const string Prefix = AdvisoryPublisherOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, AdvisoryPublisherOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            problems.Add($"{Prefix}Name is required: the publisher named in every advisory, such as \"Example Corp\".");
        }
        if (options.Namespace is not { IsAbsoluteUri: true } ns || (ns.Scheme != Uri.UriSchemeHttps && ns.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{Prefix}Namespace must be an absolute http(s) address such as https://example.com, not '{options.Namespace}'.");
        }
        if (!Categories.Contains(options.Category ?? ""))
        {
            problems.Add($"{Prefix}Category must be one of {string.Join(", ", Categories.Order(StringComparer.Ordinal))}, not '{options.Category}'.");
        }
        if (options.CveOrgId is not null && !CveOrgIdPattern().IsMatch(options.CveOrgId))
        {
            problems.Add($"{Prefix}CveOrgId must be the version 4 UUID the CVE program assigned, such as 3c1b9d6e-8f0a-4a51-9a3e-2b7c1d4e5f60, not '{options.CveOrgId}'.");
        }
        if (options.CveShortName is { Length: < 2 or > 32 })
        {
            problems.Add($"{Prefix}CveShortName must have 2 to 32 characters, not {options.CveShortName.Length}.");
        }
        if (!OsvIdPrefixPattern().IsMatch(options.OsvIdPrefix ?? ""))
        {
            problems.Add($"{Prefix}OsvIdPrefix must be x_ (or start with it) or a registered OSV prefix ending in '-', such as GHSA-, not '{options.OsvIdPrefix}'.");
        }
        if (options.OsvEcosystem is not null && string.IsNullOrWhiteSpace(options.OsvEcosystem))
        {
            problems.Add($"{Prefix}OsvEcosystem must name an OSV ecosystem such as npm or Packagist, or be left out.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-4[0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$")]
    private static partial Regex CveOrgIdPattern();

    [GeneratedRegex("^(x_[^\\s]*|[A-Za-z][A-Za-z0-9-]*-)$")]
    private static partial Regex OsvIdPrefixPattern();
}
