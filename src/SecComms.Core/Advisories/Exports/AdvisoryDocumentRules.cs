using System.Globalization;
using System.Text.RegularExpressions;
using SecComms.Core.Errors;

namespace SecComms.Core.Advisories.Exports;

/// <summary>What every export needs from an advisory; a document that breaks a rule is refused with every problem named.</summary>
internal static partial class AdvisoryDocumentRules
{
    public static readonly HashSet<string> CreditKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "hackerone", "customer", "internal", "other", "anonymous-customer", "anonymous-researcher",
    };
    private static readonly HashSet<string> Severities = new HashSet<string>(StringComparer.Ordinal) { "None", "Low", "Medium", "High", "Critical" };

    public static void Check(AdvisoryDocument document)
    {
        var validation = new Validation()
            .Require(IsTrimmedText(document.TrackingId), nameof(document.TrackingId), "TrackingId is required and must not start or end with spaces.")
            .Require(!string.IsNullOrWhiteSpace(document.Title), nameof(document.Title), "Title is required.")
            .Require(!string.IsNullOrWhiteSpace(document.Summary), nameof(document.Summary), "Summary is required.")
            .Require(document.Revisions.Count > 0, nameof(document.Revisions), "An advisory needs at least one revision.")
            .Require(document.Vulnerabilities.Count > 0, nameof(document.Vulnerabilities), "An advisory needs at least one vulnerability.")
            .Require(document.PublicUrl is null || IsWebAddress(document.PublicUrl), nameof(document.PublicUrl), "PublicUrl must be an absolute http(s) address.")
            .Require(document.CanonicalUrl is null || IsWebAddress(document.CanonicalUrl), nameof(document.CanonicalUrl), "CanonicalUrl must be an absolute http(s) address.");
        CheckRevisions(document, validation);
        for (var i = 0; i < document.Vulnerabilities.Count; i++)
        {
            CheckVulnerability(document.Vulnerabilities[i], $"Vulnerabilities[{i}]", validation);
        }
        validation.ThrowIfInvalid();
    }

    /// <summary>A revision number as a semantic version: <c>2</c> becomes <c>2.0.0</c>; null when it is neither.</summary>
    public static string? SemanticVersion(string number)
    {
        if (IntegerVersion().IsMatch(number))
        {
            return number + ".0.0";
        }
        return PlainSemanticVersion().IsMatch(number) ? number : null;
    }

    public static int Major(string semanticVersion) => int.Parse(semanticVersion.AsSpan(0, semanticVersion.IndexOf('.', StringComparison.Ordinal)), CultureInfo.InvariantCulture);

    public static Version Comparable(string semanticVersion) => Version.Parse(semanticVersion);

    private static void CheckRevisions(AdvisoryDocument document, Validation validation)
    {
        string? previous = null;
        for (var i = 0; i < document.Revisions.Count; i++)
        {
            var revision = document.Revisions[i];
            var field = $"Revisions[{i}]";
            var version = SemanticVersion(revision.Number);
            validation.Require(version is not null, field + ".Number", $"Revision number '{revision.Number}' must be a whole number such as 2 or a version such as 2.1.0.")
                .Require(!string.IsNullOrWhiteSpace(revision.Summary), field + ".Summary", "Each revision needs a summary of what changed.");
            if (version is null)
            {
                continue;
            }
            validation.Require(document.State == AdvisoryState.Draft || Major(version) >= 1, field + ".Number",
                $"A published advisory's revisions start at 1, not {revision.Number}.");
            if (previous is not null)
            {
                var earlier = document.Revisions[i - 1];
                validation.Require(Comparable(version) > Comparable(previous), field + ".Number", $"Revisions must be in ascending order: {revision.Number} follows {earlier.Number}.")
                    .Require(revision.Date >= earlier.Date, field + ".Date", $"Revision {revision.Number} is dated before revision {earlier.Number}.");
            }
            previous = version;
        }
    }

    private static void CheckVulnerability(AdvisoryVulnerability vulnerability, string field, Validation validation)
    {
        validation
            .Require(!string.IsNullOrWhiteSpace(vulnerability.Title), field + ".Title", $"{vulnerability.Reference} needs a title.")
            .Require(!string.IsNullOrWhiteSpace(vulnerability.Description), field + ".Description", $"{vulnerability.Reference} needs a description.")
            .Require(!string.IsNullOrWhiteSpace(vulnerability.Vendor), field + ".Vendor", $"{vulnerability.Reference} needs a vendor.")
            .Require(!string.IsNullOrWhiteSpace(vulnerability.Product), field + ".Product", $"{vulnerability.Reference} needs a product.")
            .Require(vulnerability.CveId is null || CveId().IsMatch(vulnerability.CveId), field + ".CveId", $"'{vulnerability.CveId}' is not a CVE id such as CVE-2026-12345.")
            .Require(vulnerability.CweId is null || CweId().IsMatch(vulnerability.CweId), field + ".CweId", $"'{vulnerability.CweId}' is not a CWE id such as CWE-79.")
            .Require(vulnerability.Affected.Count > 0, field + ".Affected", $"{vulnerability.Reference} needs at least one affected version range.");
        var cpe = vulnerability.Cpe is null ? null : CpeName.Problem(vulnerability.Cpe);
        var purl = vulnerability.Purl is null ? null : PackageUrl.Problem(vulnerability.Purl);
        validation.Require(cpe is null, field + ".Cpe", cpe ?? "").Require(purl is null, field + ".Purl", purl ?? "");
        CheckCvss(vulnerability.Cvss31, "3.1", field + ".Cvss31", validation);
        CheckCvss(vulnerability.Cvss40, "4.0", field + ".Cvss40", validation);
        for (var i = 0; i < vulnerability.Affected.Count; i++)
        {
            var range = vulnerability.Affected[i];
            validation.Require(IsTrimmedText(range.Introduced) && IsTrimmedText(range.Fixed), $"{field}.Affected[{i}]",
                $"An affected range of {vulnerability.Reference} needs both the first affected version (0 for all) and the first fixed version.");
        }
        for (var i = 0; i < vulnerability.Credits.Count; i++)
        {
            var credit = vulnerability.Credits[i];
            validation.Require(IsTrimmedText(credit.Name) || CreditRoles.IsAnonymous(credit), $"{field}.Credits[{i}].Name", "A credit needs a name, unless it is anonymous.")
                .Require(CreditKinds.Contains(credit.Kind), $"{field}.Credits[{i}].Kind",
                    $"Credit kind '{credit.Kind}' must be one of {string.Join(", ", CreditKinds)}.");
        }
        for (var i = 0; i < vulnerability.References.Count; i++)
        {
            validation.Require(IsWebAddress(vulnerability.References[i]), $"{field}.References[{i}]", $"'{vulnerability.References[i]}' is not an absolute http(s) address.");
        }
    }

    private static void CheckCvss(AdvisoryCvss? cvss, string version, string field, Validation validation)
    {
        if (cvss is null)
        {
            return;
        }
        validation.Require(cvss.Version == version, field + ".Version", $"Expected CVSS version {version}, not '{cvss.Version}'.")
            .Require(cvss.BaseScore is >= 0 and <= 10, field + ".BaseScore", $"A CVSS base score lies between 0.0 and 10.0, not {cvss.BaseScore}.")
            .Require(Severities.Contains(cvss.Severity), field + ".Severity", $"Severity '{cvss.Severity}' must be one of {string.Join(", ", Severities)}.");
        if (cvss.Version == version)
        {
            var problem = CvssJson.Problem(cvss);
            validation.Require(problem is null, field + ".Vector", problem ?? "");
        }
    }

    private static bool IsTrimmedText(string? value) => !string.IsNullOrWhiteSpace(value) && value.Trim().Length == value.Length;

    private static bool IsWebAddress(Uri address) => address.IsAbsoluteUri && (address.Scheme == Uri.UriSchemeHttps || address.Scheme == Uri.UriSchemeHttp);

    [GeneratedRegex("^(0|[1-9][0-9]*)$")]
    private static partial Regex IntegerVersion();

    [GeneratedRegex("^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$")]
    private static partial Regex PlainSemanticVersion();

    [GeneratedRegex("^CVE-[0-9]{4}-[0-9]{4,19}$")]
    private static partial Regex CveId();

    [GeneratedRegex("^CWE-[1-9][0-9]*$")]
    private static partial Regex CweId();
}
