using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Cli.Tests.Vulnerabilities;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Releases;

public sealed class ReleasesCommandTests
{
    private static readonly string[] Undated =
    [
        "releases", "plan", "--kind", "planned", "--product", "Acme Platform", "--version", "18.4.2", "--version", "18.3.5", "--version", "18.2.9",
    ];

    private static readonly string[] Plan = [.. Undated, "--date", "2026-11-26"];

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_release_is_planned_bundled_prepared_shown_and_published_from_the_command_line(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        await FixedAsync(app, alice, VulnerabilityArgs.Rce());
        await FixedAsync(app, alice, VulnerabilityArgs.Xss("--affected", "18.4.0:18.4.3"));

        var planned = await Cli.RunAsync(app, alice.Token, Plan);
        var id = planned.LastLine[^36..];
        var bundled = await Cli.RunAsync(app, alice.Token, "releases", "bundle", "SR-1", "VULN-1", "VULN-2");
        var notReady = await Cli.RunAsync(app, alice.Token, "releases", "prepare", "SR-1");
        (await Cli.RunAsync(app, alice.Token, "vulns", "update", "VULN-2", "--affected", "18.3.0:18.3.5", "--affected", "18.4.0:18.4.2")).AssertSucceeded();
        var prepared = await Cli.RunAsync(app, alice.Token, "releases", "prepare", id);
        var shown = await Cli.RunAsync(app, alice.Token, "releases", "show", "SR-1");
        var shownToLegal = await Cli.RunAsync(app, lee.Token, "releases", "show", "SR-1");
        var published = await Cli.RunAsync(app, alice.Token, "releases", "publish", "SR-1");
        var listed = await Cli.RunAsync(app, alice.Token, "releases", "list");
        var afterwards = await Cli.RunAsync(app, alice.Token, "releases", "show", "SR-1", "--json");
        var shipped = await Cli.RunAsync(app, alice.Token, "vulns", "list", "--release", "SR-1", "--status", "released", "--json");

        planned.AssertSucceeded();
        Assert.Matches(@"^SR-1: 18\.4\.2, 18\.3\.5, and 18\.2\.9, a planned release of Acme Platform, is planned for 2026-11-26 00:00 UTC\. Id: [0-9a-f-]{36}$",
            planned.LastLine);
        bundled.AssertSucceeded();
        Assert.Equal("SR-1: fixes VULN-1, VULN-2.", bundled.Lines[0]);
        Assert.Contains("Inconsistent: VULN-2 is fixed in 18.4.3, after 18.4.2, the version SR-1 ships in the 18.4 line.", bundled.Out, StringComparison.Ordinal);
        notReady.AssertFailed(ExitCodes.Refused,
            "Conflict: SR-1 cannot be prepared:\nVULN-2 affected[0].fixed: VULN-2 is fixed in 18.4.3, after 18.4.2, the version SR-1 ships in the 18.4 line.");
        prepared.AssertSucceeded();
        Assert.Equal("SR-1: prepared; status is now preparing. Submit each communication for review next.", prepared.Lines[0]);
        Assert.Contains(prepared.Lines, l => l.StartsWith("Communications: 4", StringComparison.Ordinal));
        Assert.Equal("Inconsistencies: none", prepared.LastLine);

        shown.AssertSucceeded();
        Assert.Equal("SR-1: 18.4.2, 18.3.5, and 18.2.9", shown.Lines[0]);
        Assert.Contains(shown.Lines, l => l.StartsWith("  status ", StringComparison.Ordinal) && l.EndsWith(" preparing", StringComparison.Ordinal));
        Assert.Contains(shown.Lines, l => l.StartsWith("  versions ", StringComparison.Ordinal)
            && l.EndsWith(" 18.4.2, 18.3.5, 18.2.9 (lines 18.4, 18.3, 18.2; the policy supports 3)", StringComparison.Ordinal));
        Assert.Contains(shown.Lines, l => l.StartsWith("  planned for ", StringComparison.Ordinal) && l.EndsWith(" 2026-11-26 00:00 UTC", StringComparison.Ordinal));
        Assert.Contains(shown.Lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, "^VULN-1 +fixed +\\S+ +CVE-2026-10001 +18\\.2\\.9, 18\\.3\\.5, 18\\.4\\.2 +Remote"));
        Assert.Matches("(?m)^REFERENCE +PART +STATUS +WAITING ON +VULNERABILITY +TITLE +ID$", shown.Out);
        Assert.Matches("(?m)^SC-\\d+ +blog-post +draft +- +- +Acme Platform Security Release: 18\\.4\\.2, 18\\.3\\.5, a… +[0-9a-f-]{36}$", shown.Out);
        Assert.Matches("(?m)^SC-\\d+ +customer-email +draft ", shown.Out);
        Assert.Matches("(?m)^SC-\\d+ +advisory +draft +- +VULN-1 +CVE-2026-10001", shown.Out);
        Assert.Matches("(?m)^SC-\\d+ +advisory +draft +- +VULN-2 +", shown.Out);
        Assert.Equal("Inconsistencies: none", shown.LastLine);
        shownToLegal.AssertSucceeded();
        Assert.Contains("Vulnerabilities: 2 (only the security and appsec teams see which).", shownToLegal.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("VULN-", shownToLegal.Out, StringComparison.Ordinal);

        published.AssertSucceeded();
        Assert.Equal($"SR-1: published at {app.Time.GetUtcNow():yyyy-MM-dd HH:mm} UTC; the fix-released gate of its communications is open.", published.LastLine);
        listed.AssertSucceeded();
        Assert.Matches("^REFERENCE +KIND +STATUS +PLANNED FOR +PUBLISHED +PRODUCT +TITLE +ID$", listed.Lines[0]);
        Assert.Matches("^SR-1 +planned +published +2026-11-26 00:00 UTC +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC +Acme Platform +18\\.4\\.2, 18\\.3\\.5, and 18\\.2\\.9 +" + id + "$",
            listed.Lines[1]);
        afterwards.AssertSucceeded();
        var details = JsonDocument.Parse(afterwards.Out).RootElement;
        Assert.Equal("published", details.GetProperty("release").GetProperty("status").GetString());
        Assert.Equal(4, details.GetProperty("communications").GetArrayLength());
        shipped.AssertSucceeded();
        Assert.Equal(2, JsonDocument.Parse(shipped.Out).RootElement.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Refusals_are_one_line_on_stderr_with_the_exit_code_and_change_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        (await Cli.RunAsync(app, alice.Token, VulnerabilityArgs.Rce())).AssertSucceeded();

        var badVersion = await Cli.RunAsync(app, alice.Token, "releases", "plan", "--kind", "critical", "--product", "Acme Platform", "--version", "18.x");
        var badDate = await Cli.RunAsync(app, alice.Token, [.. Undated, "--date", "next tuesday"]);
        var badKind = await Cli.RunAsync(app, alice.Token, "releases", "plan", "--kind", "monthly", "--product", "Acme Platform", "--version", "18.4.2");
        var noVersion = await Cli.RunAsync(app, alice.Token, "releases", "plan", "--kind", "planned", "--product", "Acme Platform");
        var outsider = await Cli.RunAsync(app, lee.Token, Plan);
        var none = await Cli.RunAsync(app, alice.Token, "releases", "list");

        badVersion.AssertFailed(ExitCodes.Refused, "The request is not valid: versions[0] '18.x' is not a version");
        badDate.AssertFailed(ExitCodes.Usage, "--date 'next tuesday' is not a date such as 2026-12-10");
        badKind.AssertFailed(ExitCodes.Usage, "monthly");
        noVersion.AssertFailed(ExitCodes.Usage, "--version");
        outsider.AssertFailed(ExitCodes.Refused, "Forbidden: Only members of the security or appsec teams manage security releases.");
        none.AssertSucceeded();
        Assert.Equal("No security releases yet.", none.LastLine);

        (await Cli.RunAsync(app, alice.Token, Undated)).AssertSucceeded();
        var unknownVulnerability = await Cli.RunAsync(app, alice.Token, "releases", "bundle", "SR-1", "VULN-1", "VULN-9");
        var bundled = await Cli.RunAsync(app, alice.Token, "releases", "bundle", "SR-1", "VULN-1", "--json");
        var unfixed = await Cli.RunAsync(app, alice.Token, "releases", "prepare", "SR-1");
        var unknownRelease = await Cli.RunAsync(app, alice.Token, "releases", "show", "SR-7");
        var badReference = await Cli.RunAsync(app, alice.Token, "releases", "show", "release-1");
        var published = await Cli.RunAsync(app, alice.Token, "releases", "publish", "SR-1", "--json");
        var twice = await Cli.RunAsync(app, alice.Token, "releases", "publish", "SR-1");
        var rebundled = await Cli.RunAsync(app, alice.Token, "releases", "bundle", "SR-1", "VULN-1");

        unknownVulnerability.AssertFailed(ExitCodes.Refused, "no vulnerability VULN-9");
        bundled.AssertSucceeded();
        Assert.Equal(["VULN-1"], JsonDocument.Parse(bundled.Out).RootElement.GetProperty("vulnerabilities").EnumerateArray()
            .Select(v => v.GetProperty("reference").GetString()));
        unfixed.AssertFailed(ExitCodes.Refused, "Conflict: SR-1 cannot be prepared:\nVULN-1 status: VULN-1 is triage, not fixed.");
        unknownRelease.AssertFailed(ExitCodes.Refused, "no security release SR-7");
        badReference.AssertFailed(ExitCodes.Usage, "'release-1' is not a security release id or reference");
        published.AssertSucceeded();
        Assert.Equal("published", JsonDocument.Parse(published.Out).RootElement.GetProperty("status").GetString());
        twice.AssertFailed(ExitCodes.Refused, "Conflict: SR-1 was already published");
        rebundled.AssertFailed(ExitCodes.Refused, "Conflict: SR-1 is published");
        var shown = await Cli.RunAsync(app, alice.Token, "releases", "show", "SR-1", "--json");
        var details = JsonDocument.Parse(shown.Out).RootElement;
        Assert.Empty(details.GetProperty("communications").EnumerateArray());
        Assert.Equal(1, details.GetProperty("vulnerabilityCount").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_approved_communication_is_armed_and_goes_out_when_its_release_is_published(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        await FixedAsync(app, alice, VulnerabilityArgs.Rce());
        (await Cli.RunAsync(app, alice.Token, Plan)).AssertSucceeded();
        (await Cli.RunAsync(app, alice.Token, "releases", "bundle", "SR-1", "VULN-1")).AssertSucceeded();
        var prepared = JsonDocument.Parse((await Cli.RunAsync(app, alice.Token, "releases", "prepare", "SR-1", "--json")).Out).RootElement;
        var blog = prepared.GetProperty("communications").EnumerateArray().First(c => c.GetProperty("part").GetString() == "blog-post");
        var reference = blog.GetProperty("reference").GetString()!;
        var id = blog.GetProperty("id").GetString()!;
        (await alice.Client.PutAsJsonAsync($"/api/v1/communications/{id}/safe", new { sensitive = false, accurate = true, financial = false, effect = false }))
            .EnsureSuccessStatusCode();
        (await Cli.RunAsync(app, alice.Token, "communications", "submit", id)).AssertSucceeded();
        var package = JsonDocument.Parse((await Cli.RunAsync(app, sam.Token, "communications", "show", id, "--json")).Out).RootElement
            .GetProperty("packageHash").GetString()!;
        (await Cli.RunAsync(app, sam.Token, "communications", "approve", id, "--package-hash", package)).AssertSucceeded();

        var outsider = await Cli.RunAsync(app, alice.Token, "communications", "ship-with-release", id);
        var armed = await Cli.RunAsync(app, sam.Token, "communications", "ship-with-release", id);
        var shown = await Cli.RunAsync(app, alice.Token, "releases", "show", "SR-1");
        var stranger = await Cli.RunAsync(app, alice.Token, "releases", "publish", "SR-1", "--leave-behind", "SC-99");
        var published = await Cli.RunAsync(app, alice.Token, "releases", "publish", "SR-1");
        var after = JsonDocument.Parse((await Cli.RunAsync(app, alice.Token, "communications", "show", id, "--json")).Out).RootElement;

        outsider.AssertFailed(ExitCodes.Refused, "Forbidden: Only the security team may arm to ship with its release");
        armed.AssertSucceeded();
        Assert.Equal($"{reference}: armed; it is published when its release is.", armed.LastLine);
        Assert.Contains("Ships with the release: 1", shown.Lines);
        Assert.Contains($"  {reference}: ready", shown.Lines);
        stranger.AssertFailed(ExitCodes.Refused, "SC-99 is not armed to ship with SR-1");
        published.AssertSucceeded();
        Assert.Equal("published", after.GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_release_package_is_answered_submitted_approved_and_armed_with_one_command_each(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ann = await app.AddUserAsync("ann@example.com", ["security"]);
        var ben = await app.AddUserAsync("ben@example.com", ["security"]);
        await FixedAsync(app, ann, VulnerabilityArgs.Rce());
        (await Cli.RunAsync(app, ann.Token, Plan)).AssertSucceeded();
        (await Cli.RunAsync(app, ann.Token, "releases", "bundle", "SR-1", "VULN-1")).AssertSucceeded();

        var badRisk = await Cli.RunAsync(app, ann.Token, "releases", "prepare", "SR-1", "--risks", "scary");
        var prepared = await Cli.RunAsync(app, ann.Token, "releases", "prepare", "SR-1", "--risks", "none", "--submit",
            "--no-audience", "Account managers forward it.");
        var package = await Cli.RunAsync(app, ben.Token, "releases", "package", "SR-1", "--json");
        var parts = JsonDocument.Parse(package.Out).RootElement.GetProperty("parts").EnumerateArray()
            .Select(p => p.GetProperty("communication")).Select(c => $"{c.GetProperty("reference").GetString()}={c.GetProperty("packageHash").GetString()}").ToList();
        var malformed = await Cli.RunAsync(app, ben.Token, "releases", "approve", "SR-1", "--package-hash", "SC-1");
        var approved = await Cli.RunAsync(app, ben.Token, ["releases", "approve", "SR-1", .. parts.SelectMany(p => new[] { "--package-hash", p })]);
        var armed = await Cli.RunAsync(app, ann.Token, "releases", "arm", "SR-1");

        badRisk.AssertFailed(ExitCodes.Usage, "--risks 'scary' is not a SAFE risk");
        prepared.AssertSucceeded();
        Assert.Equal(3, parts.Count);
        malformed.AssertFailed(ExitCodes.Usage, "--package-hash 'SC-1' is not REFERENCE=HASH");
        approved.AssertSucceeded();
        Assert.Equal(3, approved.Lines.Count(l => l.Contains(": approved (package ", StringComparison.Ordinal)));
        armed.AssertSucceeded();
        Assert.Equal(3, armed.Lines.Count(l => l.Contains("approved (ships with release)", StringComparison.Ordinal)));
    }

    private static async Task FixedAsync(SecCommsApp app, TestUser user, string[] add)
    {
        var added = await Cli.RunAsync(app, user.Token, add);
        added.AssertSucceeded();
        (await Cli.RunAsync(app, user.Token, "vulns", "status", added.LastLine[^36..], "fixed")).AssertSucceeded();
    }
}
