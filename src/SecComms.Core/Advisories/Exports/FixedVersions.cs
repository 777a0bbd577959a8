namespace SecComms.Core.Advisories.Exports;

internal static class FixedVersions
{
    public static IReadOnlyList<string> Of(AdvisoryVulnerability vulnerability) =>
        [.. vulnerability.Affected.Select(range => range.Fixed).Distinct(StringComparer.Ordinal)];

    /// <summary>The remedy in one sentence: "Upgrade Example Product to 18.2.9, 18.1.7 or 18.0.10, or a later version."</summary>
    public static string Advice(AdvisoryVulnerability vulnerability)
    {
        var versions = Of(vulnerability);
        var list = versions.Count == 1 ? versions[0] : string.Join(", ", versions.Take(versions.Count - 1)) + " or " + versions[^1];
        return $"Upgrade {vulnerability.Product} to {list}, or a later version.";
    }
}
