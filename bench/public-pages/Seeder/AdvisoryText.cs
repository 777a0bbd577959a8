using System.Globalization;
using System.Text;

namespace SecComms.Bench.Seeder;

/// <summary>Security release notes shaped like the real ones: an introduction, a table of fixes and a section per fix.</summary>
internal static class AdvisoryText
{
    private static readonly (string Title, string Severity, string Vector)[] Fixes =
    [
        ("Path traversal in file uploads", "High", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N"),
        ("Stored cross-site scripting in issue descriptions", "High", "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:N"),
        ("Denial of service through crafted Markdown", "Medium", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L"),
        ("Access token disclosed in audit events", "Medium", "CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N"),
        ("Open redirect after sign-in", "Low", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:N/A:N"),
    ];

    public static string Version(int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{15 + number / 120}.{number / 10 % 12}.{number % 10 + 1}");

    public static string Title(int number) => $"Security release {Version(number)}";

    public static string ShortText(int number) => $"Version {Version(number)} fixes {FixCount(number)} vulnerabilities. Upgrade now.";

    public static string Body(int number)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"# {Title(number)}\n\n");
        body.Append(CultureInfo.InvariantCulture, $"Today we are releasing version {Version(number)}. It contains important security fixes, ");
        body.Append("and we strongly recommend that every installation be upgraded to it immediately.\n\n");
        body.Append("## Table of fixes\n\n| Title | Severity |\n| --- | --- |\n");
        var fixes = Enumerable.Range(0, FixCount(number)).Select(i => Fixes[(number + i) % Fixes.Length]).ToList();
        foreach (var fix in fixes)
        {
            body.Append(CultureInfo.InvariantCulture, $"| [{fix.Title}](#{Anchor(fix.Title)}) | {fix.Severity} |\n");
        }
        foreach (var (fix, i) in fixes.Select((f, i) => (f, i)))
        {
            body.Append(CultureInfo.InvariantCulture, $"\n## {fix.Title}\n\n");
            body.Append(CultureInfo.InvariantCulture, $"An issue was found affecting all versions before {Version(number)}. ");
            body.Append(CultureInfo.InvariantCulture, $"This is a {fix.Severity.ToLowerInvariant()} severity issue (`{fix.Vector}`). ");
            body.Append(CultureInfo.InvariantCulture, $"It is now mitigated in the latest release and is assigned CVE-{2023 + number / 2000}-{10000 + number * 7 + i}.\n\n");
            body.Append(CultureInfo.InvariantCulture, $"Thanks to [researcher{number % 97}](https://hackerone.com/researcher{number % 97}) for reporting this vulnerability through our bug bounty program.\n");
        }
        body.Append("\n## Updating\n\nTo update, see the [update page](https://example.com/update). ");
        body.Append("To receive security release notifications, subscribe to the [security notices](https://example.com/security/notices).\n");
        return body.ToString();
    }

    private static int FixCount(int number) => 2 + number % 4;

    private static string Anchor(string title) => title.ToLowerInvariant().Replace(' ', '-');
}
