using SecComms.Core.Vulnerabilities.Cvss;

namespace SecComms.Core.Advisories;

/// <summary>How severe a public entry is, from its vulnerability record as the advisory's exports give it.</summary>
/// <param name="Level">The CVSS qualitative rating: <c>Critical</c>, <c>High</c>, <c>Medium</c>, <c>Low</c> or <c>None</c>.</param>
/// <param name="Score">The base score the rating comes from; null when the record has none.</param>
/// <param name="Version">The CVSS version of <paramref name="Score"/>: <c>4.0</c> when the record has a 4.0 score, otherwise <c>3.1</c>.</param>
public sealed record PublicSeverity(string Level, decimal? Score, string? Version)
{
    /// <summary>Every rating, most severe first.</summary>
    public static IReadOnlyList<string> Levels => Ordered;

    private static readonly string[] Ordered = [CvssSeverity.Critical, CvssSeverity.High, CvssSeverity.Medium, CvssSeverity.Low, CvssSeverity.None];

    /// <summary>The rating as the site's addresses write it: <c>critical</c>.</summary>
    public string Key => Level.ToLowerInvariant();

    /// <summary>0 for the most severe rating, higher for less severe ones; past the end for anything else.</summary>
    public static int Rank(string? level) => level is null ? Ordered.Length : Array.IndexOf(Ordered, level) is var i and >= 0 ? i : Ordered.Length;

    internal static PublicSeverity? Of(string? level, decimal? cvss31, decimal? cvss40) =>
        level is null ? null : new PublicSeverity(level, cvss40 ?? cvss31, cvss40 is not null ? "4.0" : cvss31 is not null ? "3.1" : null);
}

/// <summary>Another public entry, as an entry links to it.</summary>
/// <param name="Reference">Its reference ("SC-12").</param>
/// <param name="Title">Its web title.</param>
/// <param name="Severity">For an advisory, its vulnerability's severity.</param>
/// <param name="CveId">For an advisory, its vulnerability's CVE id once assigned.</param>
public sealed record PublicLink(string Reference, string Title, PublicSeverity? Severity, string? CveId);

/// <summary>
/// What a public entry says about the vulnerabilities it is about, and the public entries it belongs with. Only public
/// entries count: a release post's facts come from its advisories that are public, never from the release itself.
/// </summary>
/// <param name="Severity">An advisory's severity; a release post's most severe advisory's. Null for anything else.</param>
/// <param name="Products">The products it affects, as the advisories name them ("GitLab EE").</param>
/// <param name="CveId">An advisory's CVE id, once assigned.</param>
/// <param name="IsAdvisory">Whether it is an advisory generated for a vulnerability, which has machine-readable exports.</param>
/// <param name="ReleasePost">An advisory's release post, when that is public.</param>
/// <param name="Advisories">A release post's public advisories, most severe first.</param>
public sealed record PublicFacts(
    PublicSeverity? Severity,
    IReadOnlyList<string> Products,
    string? CveId,
    bool IsAdvisory,
    PublicLink? ReleasePost,
    IReadOnlyList<PublicLink> Advisories)
{
    public static readonly PublicFacts None = new(null, [], null, false, null, []);
}
