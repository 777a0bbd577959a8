using System.Globalization;
using SecComms.Core.Vulnerabilities;

namespace SecComms.Core.Releases;

/// <summary>
/// The values a release template sees: <c>release</c>, <c>vulnerabilities</c>, <c>vulnerability</c> (in an advisory)
/// and <c>site</c>. Numbers and lists are written out here, so every template words them the same way and the
/// consistency check can find them again.
/// </summary>
internal static class ReleaseTemplateModel
{
    public static Dictionary<string, object?> Release(SecurityRelease release, IReadOnlyList<Vulnerability> vulnerabilities) => new()
    {
        ["reference"] = release.Reference,
        ["title"] = release.Title,
        ["kind"] = Workflow.AuditNames.Of(release.Kind),
        ["critical"] = release.Kind != ReleaseKind.Planned,
        ["product"] = ProductOf(release, vulnerabilities),
        ["versions"] = release.Versions.ToArray(),
        ["versions_text"] = Sentence(release.Versions),
        ["versions_or_text"] = Sentence(release.Versions, "or"),
        ["planned_for"] = release.PlannedFor?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
    };

    public static Dictionary<string, object?> Vulnerability(Vulnerability v) => new()
    {
        ["reference"] = v.Reference,
        ["title"] = v.Title,
        ["description"] = v.Description,
        ["product"] = v.Product,
        ["anchor"] = Anchor(v.Title),
        ["cve"] = v.CveId ?? "",
        ["cve_url"] = v.CveId is null ? "" : CveUrl(v.CveId),
        ["cwe"] = v.CweId ?? "",
        ["cvss31"] = Cvss(v.Cvss31Vector, v.Cvss31Score),
        ["cvss40"] = Cvss(v.Cvss40Vector, v.Cvss40Score),
        ["severity"] = v.Severity ?? "Not rated",
        ["affected_text"] = AffectedText(v),
        ["fixed_versions"] = v.FixedVersions.ToArray(),
        ["fixed_text"] = Sentence([.. v.FixedVersions]),
        ["fixed_or_text"] = Sentence([.. v.FixedVersions], "or"),
        ["credits"] = v.Credits.Select(c => c.Name).ToArray(),
        ["credit_text"] = CreditText(v),
    };

    public static Dictionary<string, object?> Site(SiteOptions address) => new()
    {
        ["advisories_url"] = address.Link("/advisories"),
        ["feed_url"] = address.Link("/advisories/feed.atom"),
    };

    public static string Score(decimal score) => score.ToString("0.0", CultureInfo.InvariantCulture);

    public static string CveUrl(string cve) => $"https://www.cve.org/CVERecord?id={cve}";

    /// <summary>"all versions from 16.0 before 18.2.9, 18.3 before 18.3.5 and 18.4 before 18.4.2".</summary>
    public static string AffectedText(Vulnerability v) =>
        v.Affected.Count == 0 ? "versions not yet determined" : "all versions " + Sentence([.. v.Affected.Select(r => $"from {r.Introduced} before {r.Fixed}")]);

    public static string CreditText(Vulnerability v)
    {
        var thanks = v.Credits.Select(c => c.Kind switch
        {
            CreditKind.HackerOne => $"{c.Name} through our HackerOne bug bounty program",
            CreditKind.Customer => $"{c.Name}, a customer",
            CreditKind.Internal => $"{c.Name} at our company",
            _ => c.Name,
        }).ToList();
        return thanks.Count == 0 ? "" : $"Thanks to {Sentence(thanks)} for reporting this vulnerability.";
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string Sentence(IReadOnlyList<string> items, string conjunction = "and") => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + $" {conjunction} " + items[^1],
    };

    private static string ProductOf(SecurityRelease release, IReadOnlyList<Vulnerability> vulnerabilities) =>
        release.Product ?? vulnerabilities.Select(v => v.Product).FirstOrDefault() ?? "";

    private static Dictionary<string, object?>? Cvss(string? vector, decimal? score) =>
        vector is null || score is null
            ? null
            : new() { ["vector"] = vector, ["score"] = Score(score.Value), ["severity"] = Vulnerabilities.Cvss.CvssSeverity.Of(score.Value) };

    private static string Anchor(string title) =>
        string.Concat(title.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-')).Trim('-');
}
