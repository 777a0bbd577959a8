using System.Globalization;
using SecComms.Core.Communications;
using SecComms.Core.Vulnerabilities;

namespace SecComms.Core.Releases;

/// <summary>
/// The values a release template sees: <c>release</c>, <c>vulnerabilities</c>, <c>vulnerability</c> (in an advisory)
/// and <c>site</c>. Numbers and lists are written out here, so every template words them the same way and the
/// consistency check can find them again. A value that is absent (no CWE, no CVE id yet, no credit) is nil, never an
/// empty text, so that <c>{% if vulnerability.cwe %}</c> leaves out its whole line.
/// </summary>
internal static class ReleaseTemplateModel
{
    public static Dictionary<string, object?> Release(SecurityRelease release, IReadOnlyList<Vulnerability> vulnerabilities) => new()
    {
        ["reference"] = release.Reference,
        ["title"] = release.Title,
        ["kind"] = Workflow.AuditNames.Of(release.Kind),
        ["critical"] = release.Kind != ReleaseKind.Planned,
        ["product"] = ReleaseFixes.ProductOf(release, vulnerabilities),
        ["versions"] = release.Versions.ToArray(),
        ["versions_text"] = EnglishList.Join(release.Versions),
        ["versions_or_text"] = EnglishList.Join(release.Versions, "or"),
        ["planned_for"] = release.PlannedFor?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>Each vulnerability as the templates see it, in the order given; headings of the same title get distinct anchors.</summary>
    public static IReadOnlyList<Dictionary<string, object?>> Vulnerabilities(SecurityRelease release, IReadOnlyList<Vulnerability> vulnerabilities,
        string organization)
    {
        var product = ReleaseFixes.ProductOf(release, vulnerabilities);
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        return [.. vulnerabilities.Select(v => Vulnerability(v, release, product, organization, UniqueAnchor(anchors, MarkdownRenderer.HeadingId(v.Title))))];
    }

    public static Dictionary<string, object?> Site(SiteOptions address, string organization) => new()
    {
        ["advisories_url"] = address.Link("/advisories"),
        ["feed_url"] = address.Link("/advisories/feed.atom"),
        ["organization"] = organization,
    };

    public static string Score(decimal score) => score.ToString("0.0", CultureInfo.InvariantCulture);

    public static string CveUrl(string cve) => $"https://www.cve.org/CVERecord?id={cve}";

    private static Dictionary<string, object?> Vulnerability(Vulnerability v, SecurityRelease release, string releaseProduct, string organization,
        string anchor) => new()
        {
            ["reference"] = v.Reference,
            ["title"] = v.Title,
            ["description"] = v.Description,
            ["product"] = v.Product,
            ["edition"] = v.Edition,
            ["product_name"] = v.ProductName,
            ["names_product"] = !string.Equals(v.ProductName, releaseProduct, StringComparison.OrdinalIgnoreCase),
            ["other_product"] = ReleaseFixes.IsOtherProduct(releaseProduct, v),
            ["anchor"] = anchor,
            ["cve"] = v.CveId,
            ["cve_url"] = v.CveId is null ? null : CveUrl(v.CveId),
            ["cwe"] = v.CweId,
            ["cvss31"] = Cvss(v.Cvss31Vector, v.Cvss31Score),
            ["cvss40"] = Cvss(v.Cvss40Vector, v.Cvss40Score),
            ["severity"] = v.Severity ?? "Not rated",
            ["affected"] = v.Affected.Select(r => new Dictionary<string, object?>
            {
                ["introduced"] = FromTheFirstVersion(r) ? null : r.Introduced,
                ["fixed"] = r.Fixed,
                ["text"] = RangeText(r),
            }).ToArray(),
            ["affected_text"] = AffectedText(v),
            ["fixed_versions"] = v.FixedVersions.ToArray(),
            ["fixed_text"] = EnglishList.Join([.. v.FixedVersions]),
            ["fixed_or_text"] = EnglishList.Join([.. v.FixedVersions], "or"),
            ["fixed_earlier"] = ReleaseFixes.FixedEarlier(release, releaseProduct, v),
            ["credits"] = v.Credits.Select(c => c.PublicName).ToArray(),
            ["credited"] = v.Credits.Select(c => new Dictionary<string, object?>
            {
                ["name"] = c.IsAnonymous ? null : c.Name,
                ["kind"] = Workflow.AuditNames.Of(c.Kind),
                ["text"] = Thanks(c, organization),
            }).ToArray(),
            ["credit_text"] = CreditText(v, organization),
        };

    /// <summary>"all versions before 15.4.6, from 15.5 before 15.5.5, and from 15.6 before 15.6.1".</summary>
    private static string AffectedText(Vulnerability v) =>
        v.Affected.Count == 0 ? "versions not yet determined" : "all versions " + EnglishList.Join([.. v.Affected.Select(RangeText)]);

    private static string RangeText(AffectedRange range) =>
        FromTheFirstVersion(range) ? $"before {range.Fixed}" : $"from {range.Introduced} before {range.Fixed}";

    /// <summary>A range introduced in version 0 has no lower bound: every version before its fix is affected.</summary>
    private static bool FromTheFirstVersion(AffectedRange range) =>
        ProductVersions.IsValid(range.Introduced) && ProductVersions.Compare(range.Introduced, "0") == 0;

    private static string? CreditText(Vulnerability v, string organization) =>
        v.Credits.Count == 0 ? null : $"Thanks to {EnglishList.Join([.. v.Credits.Select(c => Thanks(c, organization))])} for reporting this vulnerability.";

    private static string Thanks(Credit credit, string organization) => credit.Kind switch
    {
        CreditKind.HackerOne => $"{credit.Name} through our HackerOne bug bounty program",
        CreditKind.Customer => $"{credit.Name}, a customer",
        CreditKind.Internal => $"{credit.Name} at {organization}",
        _ => credit.PublicName,
    };

    private static Dictionary<string, object?>? Cvss(string? vector, decimal? score) =>
        vector is null || score is null
            ? null
            : new() { ["vector"] = vector, ["score"] = Score(score.Value), ["severity"] = Core.Vulnerabilities.Cvss.CvssSeverity.Of(score.Value) };

    /// <summary>The heading id the Markdown renderer gives the second heading of the same text: "title-1".</summary>
    private static string UniqueAnchor(HashSet<string> taken, string anchor)
    {
        var unique = anchor;
        for (var n = 1; !taken.Add(unique); n++)
        {
            unique = $"{anchor}-{n}";
        }
        return unique;
    }
}
