using SecComms.Core.Advisories.Exports;

namespace SecComms.Core.Tests.Advisories.Exports;

/// <summary>Advisories as a security release produces them, with scores computed from their vectors.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Released = new(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);

    public static readonly AdvisoryPublisherOptions Publisher = new()
    {
        Name = "Example Corp",
        Namespace = new Uri("https://example.com"),
        ContactDetails = "Email: security@example.com",
        CveOrgId = "3c1b9d6e-8f0a-4a51-9a3e-2b7c1d4e5f60",
        CveShortName = "ExampleCorp",
    };

    public static readonly AdvisoryCvss XssV31 = new("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1m, "Medium");
    public static readonly AdvisoryCvss RceV31 = new("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8m, "Critical");
    public static readonly AdvisoryCvss XssV40 = new("4.0", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 5.1m, "Medium");
    public static readonly AdvisoryCvss RceV40 = new("4.0", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3m, "Critical");

    public static AdvisoryVulnerability Xss => new(
        Reference: "VULN-7",
        CveId: "CVE-2026-12345",
        CweId: "CWE-79",
        Title: "Stored XSS in issue descriptions",
        Description: "A crafted issue description could run script in the browser of anyone viewing the issue.",
        Cvss31: XssV31,
        Cvss40: XssV40,
        Vendor: "Example Corp",
        Product: "Example Platform",
        Affected: [new("16.0.0", "18.2.9"), new("18.3.0", "18.3.5"), new("18.4.0", "18.4.2")],
        Credits:
        [
            new("joaxcar", "hackerone"),
            new("yvvdwf", "hackerone"),
            new("Acme Bank", "customer"),
            new("Globex", "customer"),
            new("Example Corp AppSec team", "internal"),
            new("Example Corp Red Team", "internal"),
            new("Jane Doe", "other"),
            new("Open Source Security Foundation", "other"),
        ],
        References: [new Uri("https://gitlab.example.com/example/platform/-/issues/4711")],
        FixReleasedAt: Released);

    public static AdvisoryVulnerability Rce => new(
        Reference: "VULN-8",
        CveId: "CVE-2026-12346",
        CweId: "CWE-502",
        Title: "Remote code execution through project import",
        Description: "Importing a crafted project archive could run commands on the server.",
        Cvss31: RceV31,
        Cvss40: RceV40,
        Vendor: "Example Corp",
        Product: "Example Platform",
        Affected: [new("0", "18.2.9")],
        Credits: [new("Example Corp AppSec team", "internal")],
        References: [],
        FixReleasedAt: Released);

    public static AdvisoryDocument Published(params AdvisoryVulnerability[] vulnerabilities) => new(
        TrackingId: "SC-12",
        Title: "Example Platform Security Release: 18.4.2, 18.3.5, 18.2.9",
        Summary: "We released versions 18.4.2, 18.3.5 and 18.2.9 of Example Platform. We strongly recommend upgrading.",
        Details: "## Stored XSS in issue descriptions\n\nA crafted issue description could run script.\n",
        State: AdvisoryState.Final,
        InitialReleaseDate: Released,
        CurrentReleaseDate: Released.AddDays(2),
        Revisions: [new("1", Released, "Initial publication"), new("2", Released.AddDays(2), "Added the 18.4 line to the affected versions")],
        Vulnerabilities: vulnerabilities.Length == 0 ? [Xss] : vulnerabilities,
        PublicUrl: new Uri("https://example.com/advisories/SC-12"));

    public static AdvisoryDocument Draft(params AdvisoryVulnerability[] vulnerabilities) => Published(vulnerabilities) with
    {
        State = AdvisoryState.Draft,
        CurrentReleaseDate = Released,
        Revisions = [new("1", Released.AddDays(-3), "Draft for review")],
        PublicUrl = null,
    };
}
