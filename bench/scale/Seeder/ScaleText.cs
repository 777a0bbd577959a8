using System.Globalization;
using SecComms.Core.Vulnerabilities;

namespace SecComms.Bench.ScaleSeeder;

/// <summary>Titles and texts that vary the way real ones do, so that searches find some records and not others.</summary>
internal static class ScaleText
{
    public const string Product = "Acme Platform";

    private static readonly string[] Flaws =
    [
        "SQL injection in the search API", "Stored cross-site scripting in issue descriptions", "Path traversal in file uploads",
        "Server-side request forgery in webhooks", "Authentication bypass in SAML sign-on", "Denial of service through crafted Markdown",
        "Access token disclosed in audit events", "Open redirect after sign-in", "Command injection in project imports",
        "Privilege escalation through group invitations", "Information disclosure in the GraphQL API", "Regular expression denial of service in the wiki",
    ];

    private static readonly string[] Topics =
    [
        "phishing emails impersonating support", "our bug bounty programme", "the TLS configuration of our endpoints", "our SOC 2 Type II report",
        "how we rotate our signing keys", "credential stuffing against customer sign-in", "a leaked build log", "the new security champions",
    ];

    private static readonly string[] Vectors =
    [
        "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N", "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:N",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", "CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N",
    ];

    public static string Version(int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{8 + number / 600}.{number / 50 % 12}.{number % 50 + 1}");

    public static IReadOnlyList<string> Versions(int number) => [Version(number)];

    public static string CommunicationTitle(int slot, string category) => category switch
    {
        "security-release" or "critical-security-release" or "security-release-email" or "critical-security-release-email" =>
            string.Create(CultureInfo.InvariantCulture, $"Security release {Version(slot / 20)}: {Flaws[slot % Flaws.Length]}"),
        "customer-security-notice" or "incident-response" or "customer-response" =>
            string.Create(CultureInfo.InvariantCulture, $"Notice {slot}: {Flaws[(slot / 3) % Flaws.Length]}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"On {Topics[slot % Topics.Length]} ({slot})"),
    };

    public static string Body(int slot, string title) =>
        string.Create(CultureInfo.InvariantCulture, $"# {title}\n\n{Flaws[slot % Flaws.Length]} was reported to us and fixed. ")
        + "We strongly recommend that every installation be upgraded immediately.\n\n## What you should do\n\nUpgrade, then rotate any tokens "
        + "that may have been exposed.\n\n## Where to get help\n\nContact support or write to security@example.com.";

    public static string Email(string title) =>
        $"Hello,\n\nWe are writing about {title}. Please upgrade as soon as you can; the details are on our security page.\n\nThe Security team";

    public static string SupportFaq(string title) =>
        $"Q: What happened?\nA: {title}.\n\nQ: What should I do?\nA: Upgrade to the latest version.";

    private static readonly string[] IncidentNotes =
    [
        "paged the on-call engineer", "scope confirmed from the access logs", "affected tokens revoked", "legal informed",
        "customer list drafted", "fix in review", "fix deployed to production", "monitoring shows no further access",
    ];

    public static string IncidentNote(int entry) => IncidentNotes[entry % IncidentNotes.Length];

    public static string IncidentTitle(int number) =>
        string.Create(CultureInfo.InvariantCulture, $"Incident {number}: {Topics[number % Topics.Length]}");

    public static VulnerabilityInput Vulnerability(int release, int index)
    {
        var flaw = Flaws[(release * 4 + index) % Flaws.Length];
        return new VulnerabilityInput(
            string.Create(CultureInfo.InvariantCulture, $"{flaw} ({release}.{index})"),
            $"{flaw}: an authenticated user could reach data of another project.",
            Product, "CWE-89", null, Vectors[index % Vectors.Length], null,
            [new RangeInput("0", Version(release))], [new CreditInput($"researcher{release % 97}", CreditKind.HackerOne)], VulnerabilitySource.HackerOne);
    }
}
