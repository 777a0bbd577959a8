namespace SecComms.Core.Advisories.Exports;

internal static class FixedVersions
{
    public static IReadOnlyList<string> Of(AdvisoryVulnerability vulnerability) =>
        [.. vulnerability.Affected.Select(range => range.Fixed).Distinct(StringComparer.Ordinal)];

    /// <summary>The remedy in one sentence: "Upgrade Example Product to 18.2.9, 18.1.7, or 18.0.10, or a later version."</summary>
    public static string Advice(AdvisoryVulnerability vulnerability) =>
        $"Upgrade {vulnerability.Product} to {EnglishList.Join(Of(vulnerability), "or")}, or a later version.";
}
