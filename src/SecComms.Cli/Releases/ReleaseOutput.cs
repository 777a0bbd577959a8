using SecComms.Cli.Output;

namespace SecComms.Cli.Releases;

/// <summary>How a release's vulnerabilities, communications and inconsistencies read in a terminal.</summary>
internal static class ReleaseOutput
{
    public const int TitleWidth = 50;

    public static readonly IReadOnlyList<string> VulnerabilityHeaders = ["REFERENCE", "STATUS", "SEVERITY", "CVE", "FIXED IN", "TITLE", "ID"];

    public static readonly IReadOnlyList<string> CommunicationHeaders = ["REFERENCE", "PART", "STATUS", "WAITING ON", "VULNERABILITY", "TITLE", "ID"];

    public static async Task WriteVulnerabilitiesAsync(TextWriter output, ReleaseDetails d)
    {
        await output.WriteLineAsync();
        if (d.VulnerabilityCount > 0 && d.Vulnerabilities.Count == 0)
        {
            await output.WriteLineAsync($"Vulnerabilities: {Formats.Number(d.VulnerabilityCount)} (only the security and appsec teams see which).");
            return;
        }
        await output.WriteLineAsync($"Vulnerabilities: {Formats.Number(d.VulnerabilityCount)}");
        TextTable.Write(output, d.Vulnerabilities.Select(v => (IReadOnlyList<string>)
        [
            v.Reference,
            v.Status,
            v.Severity ?? "-",
            v.CveId ?? "-",
            v.FixedVersions.Count == 0 ? "-" : string.Join(", ", v.FixedVersions),
            TextTable.Shorten(v.Title, TitleWidth),
            v.Id.ToString(),
        ]), VulnerabilityHeaders);
    }

    public static async Task WriteCommunicationsAsync(TextWriter output, ReleaseDetails d)
    {
        await output.WriteLineAsync();
        if (d.Communications.Count == 0)
        {
            await output.WriteLineAsync(d.Release.PreparedAt is null
                ? "Communications: none yet; `seccomms releases prepare` generates them."
                : "Communications: none you may see.");
            return;
        }
        await output.WriteLineAsync($"Communications: {Formats.Number(d.Communications.Count)}");
        TextTable.Write(output, d.Communications.Select(c => (IReadOnlyList<string>)
        [
            c.Reference,
            c.Part ?? "linked",
            c.Status + (c.Emergency ? " (emergency)" : "") + (c.ShipsWithRelease ? " (ships with release)" : ""),
            c.WaitingOn ?? "-",
            c.VulnerabilityReference ?? "-",
            TextTable.Shorten(c.Title, TitleWidth),
            c.Id.ToString(),
        ]), CommunicationHeaders);
    }

    /// <summary>What publishing the release would publish with it, and what would stop each.</summary>
    public static async Task WriteArmedAsync(TextWriter output, ReleaseDetails d)
    {
        if (d.Armed.Count == 0 || d.Release.PublishedAt is not null)
        {
            return;
        }
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Ships with the release: {Formats.Number(d.Armed.Count)}");
        foreach (var armed in d.Armed)
        {
            await output.WriteLineAsync(armed.Ready
                ? $"  {armed.Reference}: ready"
                : $"  {armed.Reference}: not ready: {string.Join(" ", armed.Outstanding)}");
        }
    }

    public static async Task WriteInconsistenciesAsync(TextWriter output, ReleaseDetails d)
    {
        await output.WriteLineAsync();
        if (d.Inconsistencies.Count == 0)
        {
            await output.WriteLineAsync("Inconsistencies: none");
            return;
        }
        foreach (var finding in d.Inconsistencies)
        {
            await output.WriteLineAsync($"Inconsistent: {finding}");
        }
    }
}
