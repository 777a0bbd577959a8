using SecComms.Core.Vulnerabilities;

namespace SecComms.Core.Seeding;

/// <summary>The demo company's vulnerabilities: of different severities, sources and credits, each with its fixed versions.</summary>
internal static class DemoVulnerabilities
{
    public static readonly VulnerabilityInput WebhookSsrf = new(
        "Server-side request forgery in webhook integrations",
        "A project maintainer could make the server send requests to internal addresses through a crafted webhook URL and read the responses.",
        DemoCompany.Product, "CWE-918", "CVE-2026-40871",
        "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:N/A:N", null,
        [new RangeInput("0", "18.2.8"), new RangeInput("18.3.0", "18.3.4"), new RangeInput("18.4.0", "18.4.1")],
        [new CreditInput("pwnfinder", CreditKind.HackerOne)], VulnerabilitySource.HackerOne, "https://hackerone.com/reports/2380042");

    public static readonly VulnerabilityInput PrivateProjectNames = new(
        "Private project names disclosed through the search API",
        "The search API returned the names of private projects to signed-in users who were not members of them.",
        DemoCompany.Product, "CWE-200", "CVE-2026-40872",
        "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N", null,
        [new RangeInput("18.3.0", "18.3.4"), new RangeInput("18.4.0", "18.4.1")],
        [new CreditInput(null, CreditKind.AnonymousResearcher)], VulnerabilitySource.External);

    public static readonly VulnerabilityInput ProjectImport = new(
        "Remote code execution through project imports",
        "An authenticated user who can import a project could run commands on the server through a crafted archive.",
        DemoCompany.Product, "CWE-94", "CVE-2026-41001",
        "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", null,
        [new RangeInput("0", "18.2.9"), new RangeInput("18.3.0", "18.3.5"), new RangeInput("18.4.0", "18.4.2")],
        [new CreditInput("vakzz", CreditKind.HackerOne)], VulnerabilitySource.HackerOne, "https://hackerone.com/reports/2400001");

    public static readonly VulnerabilityInput MergeRequestXss = new(
        "Stored XSS in merge request titles",
        "A crafted merge request title runs script in the browser of anyone who opens the merge request.",
        DemoCompany.Product, "CWE-79", "CVE-2026-41002",
        "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:N", null,
        [new RangeInput("18.3.0", "18.3.5"), new RangeInput("18.4.0", "18.4.2")],
        [new CreditInput(null, CreditKind.AnonymousCustomer)], VulnerabilitySource.Customer, Edition: "EE");

    public static readonly VulnerabilityInput RunnerTokens = new(
        "Runner registration tokens written to job logs",
        "With debug logging on, a runner wrote its registration token to the job log, readable by project members.",
        DemoCompany.Product, null, null,
        "CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:L/I:N/A:N", null,
        [new RangeInput("18.2.0", "18.2.9"), new RangeInput("18.3.0", "18.3.5"), new RangeInput("18.4.0", "18.4.2")],
        [new CreditInput("Platform Security Team", CreditKind.Internal)], VulnerabilitySource.Internal);

    public static readonly VulnerabilityInput SamlBypass = new(
        "Authentication bypass in SAML single sign-on",
        "A crafted SAML response signed for another service provider let an attacker sign in as any user of the instance.",
        DemoCompany.Product, "CWE-347", "CVE-2026-41003",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        [new RangeInput("16.0", "18.2.10"), new RangeInput("18.3.0", "18.3.6"), new RangeInput("18.4.0", "18.4.3")],
        [new CreditInput("Jane Doe of Example Research", CreditKind.Other)], VulnerabilitySource.External);
}
