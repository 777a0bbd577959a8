namespace SecComms.Cli.Releases;

/// <remarks>The CLI's own view of the API's JSON: kinds, statuses and parts stay the words the server sends.</remarks>
internal sealed record ReleaseSummary(
    Guid Id,
    string Reference,
    string Title,
    string Kind,
    string Status,
    DateTimeOffset? PlannedFor,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt)
{
    public string? Product { get; init; }

    public IReadOnlyList<string> Versions { get; init; } = [];

    public DateTimeOffset? PreparedAt { get; init; }

    /// <summary>Why its planned day does not follow the release calendar; null when it does.</summary>
    public string? CalendarWarning { get; init; }
}

internal sealed record ReleaseDetails(
    ReleaseSummary Release,
    int VulnerabilityCount,
    IReadOnlyList<ReleaseVulnerabilityDetail> Vulnerabilities,
    IReadOnlyList<ReleaseCommunicationDetail> Communications,
    IReadOnlyList<string> MinorLines,
    int SupportedMinorLines,
    IReadOnlyList<FindingDetail> Inconsistencies)
{
    public IReadOnlyList<ArmedDetail> Armed { get; init; } = [];
}

internal sealed record ArmedDetail(Guid Id, string Reference, string Title, bool Ready, IReadOnlyList<string> Outstanding);

internal sealed record ReleaseVulnerabilityDetail(
    Guid Id,
    string Reference,
    string Title,
    string? CveId,
    string? Severity,
    string Status,
    IReadOnlyList<string> FixedVersions);

internal sealed record ReleaseCommunicationDetail(
    Guid Id,
    string Reference,
    string? Part,
    string Title,
    string Status,
    bool Emergency,
    string? WaitingOn,
    string? VulnerabilityReference,
    bool ShipsWithRelease = false);

internal sealed record FindingDetail(string? Communication, string? Vulnerability, string Message)
{
    /// <remarks>The server's messages usually name the communication and vulnerability already; they are added only where not.</remarks>
    public override string ToString()
    {
        var missing = new[] { Communication, Vulnerability }.OfType<string>().Where(r => !Message.Contains(r, StringComparison.Ordinal)).ToList();
        return missing.Count == 0 ? Message : $"{string.Join(", ", missing)}: {Message}";
    }
}
