using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Vulnerabilities;

public sealed class VulnerabilitiesCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_vulnerability_is_recorded_listed_shown_changed_and_moved_along_from_the_command_line(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);

        var added = await Cli.RunAsync(app, alice.Token, VulnerabilityArgs.Rce());
        var xss = await Cli.RunAsync(app, alice.Token, VulnerabilityArgs.Xss("--affected", "18.4.0:18.4.2"));
        var listed = await Cli.RunAsync(app, alice.Token, "vulns", "list");
        var searched = await Cli.RunAsync(app, alice.Token, "vulns", "list", "--search", "CVE-2026-10002", "--json");
        var shown = await Cli.RunAsync(app, alice.Token, "vulns", "show", "VULN-1");
        var updated = await Cli.RunAsync(app, alice.Token, "vulns", "update", "vuln-2", "--cve", "", "--affected", "18.3.0:18.3.5", "--affected", "18.4.0:18.4.2");
        var fixing = await Cli.RunAsync(app, alice.Token, "vulns", "status", "VULN-2", "fixing");
        var byStatus = await Cli.RunAsync(app, alice.Token, "vulns", "list", "--status", "fixing", "--json");
        var shownJson = await Cli.RunAsync(app, alice.Token, "vulns", "show", xss.LastLine[^36..], "--json");
        var outsiderList = await Cli.RunAsync(app, lee.Token, "vulns", "list");
        var outsiderShow = await Cli.RunAsync(app, lee.Token, "vulns", "show", "VULN-1");

        added.AssertSucceeded();
        Assert.Matches(@"^VULN-1: recorded; status triage, severity \S+ \(CVSS 3\.1 \d+\.\d, CVSS 4\.0 \d+\.\d\)\. Id: [0-9a-f-]{36}$", added.LastLine);
        xss.AssertSucceeded();
        Assert.Matches(@"^VULN-2: recorded; status triage, severity \S+ \(CVSS 3\.1 \d+\.\d\)\. Id: ", xss.LastLine);
        listed.AssertSucceeded();
        Assert.Matches("^REFERENCE +STATUS +SEVERITY +CVE +PRODUCT +TITLE +ID$", listed.Lines[0]);
        Assert.Matches("^VULN-2 +triage +\\S+ +CVE-2026-10002 +Acme Platform +Stored XSS in merge request titles +[0-9a-f-]{36}$", listed.Lines[1]);
        Assert.Matches("^VULN-1 +triage +\\S+ +CVE-2026-10001 +Acme Platform +Remote code execution", listed.Lines[2]);
        Assert.Equal(["VULN-2"], References(searched));
        shown.AssertSucceeded();
        Assert.Equal("VULN-1: Remote code execution through project imports", shown.Lines[0]);
        Assert.Contains(shown.Lines, l => l.StartsWith("  cvss 4.0 ", StringComparison.Ordinal) && l.EndsWith(VulnerabilityArgs.Critical40, StringComparison.Ordinal));
        Assert.Contains(shown.Lines, l => l.StartsWith("  affected ", StringComparison.Ordinal)
            && l.EndsWith(" 16.0 up to 18.2.9; 18.3.0 up to 18.3.5; 18.4.0 up to 18.4.2", StringComparison.Ordinal));
        Assert.Contains(shown.Lines, l => l.StartsWith("  fixed in ", StringComparison.Ordinal) && l.EndsWith(" 18.2.9, 18.3.5, 18.4.2", StringComparison.Ordinal));
        Assert.Contains(shown.Lines, l => l.StartsWith("  credits ", StringComparison.Ordinal) && l.EndsWith(" yvvdwf (hacker-one)", StringComparison.Ordinal));
        Assert.Contains(shown.Lines, l => l.StartsWith("  source ", StringComparison.Ordinal)
            && l.EndsWith(" hacker-one, https://hackerone.com/reports/1234567", StringComparison.Ordinal));
        Assert.Contains(shown.Lines, l => l.StartsWith("  disclosure ", StringComparison.Ordinal) && l.EndsWith(" 30 days after the fix ships", StringComparison.Ordinal));
        Assert.Equal("An attacker who can import a project could run commands on the server.", shown.LastLine);
        updated.AssertSucceeded();
        Assert.StartsWith("VULN-2: saved; status triage, severity ", updated.LastLine, StringComparison.Ordinal);
        fixing.AssertSucceeded();
        Assert.Equal("VULN-2: status is now fixing.", fixing.LastLine);
        Assert.Equal(["VULN-2"], References(byStatus));
        shownJson.AssertSucceeded();
        var json = JsonDocument.Parse(shownJson.Out).RootElement;
        Assert.Equal(JsonValueKind.Null, json.GetProperty("cveId").ValueKind);
        Assert.Equal(["18.3.5", "18.4.2"], json.GetProperty("fixedVersions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("fixing", json.GetProperty("status").GetString());
        Assert.Equal("Platform Security Team", json.GetProperty("credits")[0].GetProperty("name").GetString());
        outsiderList.AssertSucceeded();
        Assert.Equal("No vulnerabilities match.", outsiderList.LastLine);
        outsiderShow.AssertFailed(ExitCodes.Refused, "no vulnerability VULN-1 among the ones you may see");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Bad_input_is_one_line_on_stderr_with_the_exit_code_and_records_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);

        var badRange = await Cli.RunAsync(app, alice.Token, VulnerabilityArgs.Xss("--affected", "16.0-18.2.9"));
        var badCredit = await Cli.RunAsync(app, alice.Token, VulnerabilityArgs.Xss("--credit", "yvvdwf"));
        var badSource = await Cli.RunAsync(app, alice.Token, "vulns", "add", "--title", "x", "--description", "x", "--product", "Acme Platform", "--source", "mailing-list");
        var missingTitle = await Cli.RunAsync(app, alice.Token, "vulns", "add", "--description", "x", "--product", "Acme Platform", "--source", "internal");
        var badCve = await Cli.RunAsync(app, alice.Token, VulnerabilityArgs.XssWithCve("CVE-26-1"));
        var emptyRange = await Cli.RunAsync(app, alice.Token, VulnerabilityArgs.Xss("--affected", "18.3:18.2"));
        var outsider = await Cli.RunAsync(app, lee.Token, VulnerabilityArgs.Xss());
        var badId = await Cli.RunAsync(app, alice.Token, "vulns", "show", "XSS-1");
        var unknown = await Cli.RunAsync(app, alice.Token, "vulns", "show", "VULN-9");
        var released = await Cli.RunAsync(app, alice.Token, "vulns", "status", "VULN-1", "released");
        var nothingToChange = await Cli.RunAsync(app, alice.Token, "vulns", "update", "VULN-1");

        badRange.AssertFailed(ExitCodes.Usage, "--affected '16.0-18.2.9' is not a range: give introduced:fixed, such as 16.0:18.2.9.");
        badCredit.AssertFailed(ExitCodes.Usage, "--credit 'yvvdwf' is not name=kind");
        badSource.AssertFailed(ExitCodes.Usage, "mailing-list");
        missingTitle.AssertFailed(ExitCodes.Usage, "--title");
        badCve.AssertFailed(ExitCodes.Refused, "The request is not valid: cveId 'CVE-26-1' is not a CVE id");
        emptyRange.AssertFailed(ExitCodes.Refused, "affected[0]: the range from 18.3 to 18.2 is empty");
        outsider.AssertFailed(ExitCodes.Refused, "Forbidden: Only members of the security or appsec teams record vulnerabilities.");
        badId.AssertFailed(ExitCodes.Usage, "'XSS-1' is not a vulnerability id or reference");
        unknown.AssertFailed(ExitCodes.Refused, "no vulnerability VULN-9");
        released.AssertFailed(ExitCodes.Usage, "released");
        nothingToChange.AssertFailed(ExitCodes.Usage, "give at least one field to change");
        var none = await Cli.RunAsync(app, alice.Token, "vulns", "list", "--json");
        Assert.Empty(References(none));

        (await Cli.RunAsync(app, alice.Token, VulnerabilityArgs.Xss())).AssertSucceeded();
        var disclosed = await Cli.RunAsync(app, alice.Token, "vulns", "status", "VULN-1", "disclosed");
        var badUpdate = await Cli.RunAsync(app, alice.Token, "vulns", "update", "VULN-1", "--title", "Changed", "--cwe", "XSS");

        disclosed.AssertFailed(ExitCodes.Refused, "Conflict: VULN-1 is triage; from triage it moves to fixing or fixed.");
        badUpdate.AssertFailed(ExitCodes.Refused, "The request is not valid: cweId 'XSS' is not a CWE id such as CWE-79.");
        var shown = await Cli.RunAsync(app, alice.Token, "vulns", "show", "VULN-1", "--json");
        Assert.Equal("Stored XSS in merge request titles", JsonDocument.Parse(shown.Out).RootElement.GetProperty("title").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_edition_product_identifiers_and_an_anonymous_credit_are_set_and_shown_from_the_command_line(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);

        var added = await Cli.RunAsync(app, alice.Token, VulnerabilityArgs.Xss("--edition", "EE", "--cpe", "cpe:2.3:a:acme:platform:*:*:*:*:enterprise:*:*:*",
            "--purl", "pkg:npm/%40acme/platform", "--credit", "anonymous-researcher"));
        var shown = await Cli.RunAsync(app, alice.Token, "vulns", "show", "VULN-1");
        var badPurl = await Cli.RunAsync(app, alice.Token, "vulns", "update", "VULN-1", "--purl", "pkg:npm/platform@18.4.2");

        added.AssertSucceeded();
        shown.AssertSucceeded();
        Assert.Contains(shown.Lines, l => l.StartsWith("  product ", StringComparison.Ordinal) && l.EndsWith(" Acme Platform EE (that edition only)", StringComparison.Ordinal));
        Assert.Contains(shown.Lines, l => l.StartsWith("  cpe ", StringComparison.Ordinal) && l.EndsWith(" cpe:2.3:a:acme:platform:*:*:*:*:enterprise:*:*:*", StringComparison.Ordinal));
        Assert.Contains(shown.Lines, l => l.StartsWith("  purl ", StringComparison.Ordinal) && l.EndsWith(" pkg:npm/%40acme/platform", StringComparison.Ordinal));
        Assert.Contains(shown.Lines, l => l.StartsWith("  credits ", StringComparison.Ordinal) && l.EndsWith(" Platform Security Team (internal), anonymous-researcher", StringComparison.Ordinal));
        badPurl.AssertFailed(ExitCodes.Refused, "The request is not valid: purl: 'pkg:npm/platform@18.4.2' is not a package URL without a version");
    }

    private static string[] References(CliResult result)
    {
        result.AssertSucceeded();
        return [.. JsonDocument.Parse(result.Out).RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("reference").GetString() ?? "")];
    }
}
