namespace SecComms.Core.Advisories.Exports;

/// <summary>Whether an advisory is still being written or has been published.</summary>
public enum AdvisoryState
{
    Draft,
    Final,
}

/// <summary>One advisory as the exports see it: the communication, its revisions and the vulnerabilities it covers.</summary>
/// <param name="TrackingId">The advisory communication's reference, such as <c>SC-12</c>; the CSAF tracking id and the basis of OSV ids.</param>
/// <param name="Title">The advisory's title.</param>
/// <param name="Summary">One paragraph: the communication's short text.</param>
/// <param name="Details">The body, in Markdown.</param>
/// <param name="State"><see cref="AdvisoryState.Draft"/> until published, <see cref="AdvisoryState.Final"/> from then on.</param>
/// <param name="InitialReleaseDate">When the advisory was first published (for a draft, when it is planned to be).</param>
/// <param name="CurrentReleaseDate">When the current revision was (or will be) published.</param>
/// <param name="Revisions">The revisions, at least one; numbered <c>1</c>, <c>2</c>, … or as semantic versions.</param>
/// <param name="Vulnerabilities">The vulnerabilities covered, at least one.</param>
/// <param name="PublicUrl">The advisory's page on the public site once published, such as <c>/advisories/SC-12</c> made absolute.</param>
/// <param name="CanonicalUrl">Where the CSAF document itself is published, its file named after the tracking id (<c>…/sc-12.json</c>); null for a draft.</param>
public sealed record AdvisoryDocument(
    string TrackingId,
    string Title,
    string Summary,
    string Details,
    AdvisoryState State,
    DateTimeOffset InitialReleaseDate,
    DateTimeOffset CurrentReleaseDate,
    IReadOnlyList<AdvisoryRevision> Revisions,
    IReadOnlyList<AdvisoryVulnerability> Vulnerabilities,
    Uri? PublicUrl,
    Uri? CanonicalUrl = null);

/// <summary>One published (or, for a draft, pending) revision of an advisory.</summary>
public sealed record AdvisoryRevision(string Number, DateTimeOffset Date, string Summary);

/// <summary>One vulnerability of an advisory.</summary>
/// <param name="Reference">The internal id, such as <c>VULN-7</c>; it never appears in an export.</param>
/// <param name="CveId">Such as <c>CVE-2026-12345</c>, or null while the id is pending.</param>
/// <param name="CweId">Such as <c>CWE-79</c>.</param>
/// <param name="Title">A short title.</param>
/// <param name="Description">What the flaw is and what an attacker can do with it.</param>
/// <param name="Cvss31">The CVSS v3.1 vector, score and severity, when scored with 3.1.</param>
/// <param name="Cvss40">The CVSS v4.0 vector, score and severity, when scored with 4.0.</param>
/// <param name="Vendor">The vendor, from the publisher settings.</param>
/// <param name="Product">The affected product, with its edition when only one is affected, such as "GitLab EE".</param>
/// <param name="Affected">The affected version ranges, at least one.</param>
/// <param name="Credits">Who found or reported it.</param>
/// <param name="References">Further reading: the release post, the issue once public, and so on.</param>
/// <param name="FixReleasedAt">When the fixed versions were released.</param>
/// <param name="Cpe">The product's CPE 2.3 name with the version left as <c>*</c> (see <see cref="CpeName"/>).</param>
/// <param name="Purl">The product's package URL without a version (see <see cref="PackageUrl"/>).</param>
public sealed record AdvisoryVulnerability(
    string Reference,
    string? CveId,
    string? CweId,
    string Title,
    string Description,
    AdvisoryCvss? Cvss31,
    AdvisoryCvss? Cvss40,
    string Vendor,
    string Product,
    IReadOnlyList<AffectedRange> Affected,
    IReadOnlyList<AdvisoryCredit> Credits,
    IReadOnlyList<Uri> References,
    DateTimeOffset? FixReleasedAt,
    string? Cpe = null,
    string? Purl = null);

/// <summary>A CVSS score as computed from its vector.</summary>
/// <param name="Version"><c>3.1</c> or <c>4.0</c>.</param>
/// <param name="Vector">Such as <c>CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N</c>.</param>
/// <param name="BaseScore">The base score, 0.0 to 10.0.</param>
/// <param name="Severity"><c>None</c>, <c>Low</c>, <c>Medium</c>, <c>High</c> or <c>Critical</c>.</param>
public sealed record AdvisoryCvss(string Version, string Vector, decimal BaseScore, string Severity);

/// <summary>Versions from <paramref name="Introduced"/> up to, not including, <paramref name="Fixed"/>.</summary>
/// <param name="Introduced">The first affected version, such as <c>16.0.0</c>; <c>0</c> for every version before the fix.</param>
/// <param name="Fixed">The first version with the fix, such as <c>18.2.9</c>.</param>
public sealed record AffectedRange(string Introduced, string Fixed);

/// <summary>Who is thanked for a vulnerability.</summary>
/// <param name="Name">A HackerOne handle, a customer's name, an internal team; empty for an anonymous credit.</param>
/// <param name="Kind"><c>hackerone</c>, <c>customer</c>, <c>internal</c>, <c>other</c>, <c>anonymous-customer</c> or <c>anonymous-researcher</c>.</param>
public sealed record AdvisoryCredit(string Name, string Kind);
