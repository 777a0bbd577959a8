using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Incidents;

public sealed class IncidentsCommandTests
{
    /// <remarks>Half an hour before the test host's clock (2026-11-02 09:00 UTC).</remarks>
    private static readonly string[] Open =
    [
        "incidents", "open", "--title", "Credential stuffing against the customer portal", "--kind", "breach", "--severity", "s2",
        "--became-aware", "2026-11-02T08:30:00Z", "--personal-data", "--regions", "US", "--summary", "Logins from a botnet.",
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_incident_is_opened_shown_engaged_noted_messaged_contained_and_resolved_from_the_command_line(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);

        var opened = await Cli.RunAsync(app, sam.Token, [.. Open, "--communications-manager", "sam@example.com"]);
        var id = opened.LastLine[^36..];
        var shown = await Cli.RunAsync(app, sam.Token, "incidents", "show", "INC-1");
        var clocks = await Cli.RunAsync(app, sam.Token, "incidents", "clocks", "inc-1");
        var engaged = await Cli.RunAsync(app, sam.Token, "incidents", "engage", "INC-1", "legal", "--note", "phone call");
        var noted = await Cli.RunAsync(app, sam.Token, "incidents", "note", "INC-1", "Blocked the botnet's ranges.");
        var updated = await Cli.RunAsync(app, sam.Token, "incidents", "note", id, "Contained soon.", "--internal-update");
        var message = await Cli.RunAsync(app, sam.Token, "incidents", "message", "INC-1", "--part", "initial-notice");
        var contained = await Cli.RunAsync(app, sam.Token, "incidents", "contain", "INC-1", "--at", "2026-11-02T08:50:00Z");
        var met = await Cli.RunAsync(app, sam.Token, "incidents", "met", "INC-1", "gdpr-art-33", "--evidence", "DPA case 2026-4411");
        var resolved = await Cli.RunAsync(app, sam.Token, "incidents", "resolve", "INC-1", "--note", "Passwords reset.");
        var listed = await Cli.RunAsync(app, sam.Token, "incidents", "list", "--severity", "s2");
        var stillOpen = await Cli.RunAsync(app, sam.Token, "incidents", "list", "--open");
        var byStatus = await Cli.RunAsync(app, sam.Token, "incidents", "list", "--status", "resolved", "--search", "PORTAL", "--json");
        var otherSeverity = await Cli.RunAsync(app, sam.Token, "incidents", "list", "--severity", "s1");
        var afterwards = await Cli.RunAsync(app, sam.Token, "incidents", "show", "INC-1", "--json");

        opened.AssertSucceeded();
        Assert.Matches("^INC-1: opened; breach, severity s2 \\(High\\), status investigating\\. Id: [0-9a-f-]{36}$", opened.LastLine);
        shown.AssertSucceeded();
        Assert.Equal("INC-1: Credential stuffing against the customer portal", shown.Lines[0]);
        Assert.Matches("(?m)^  severity +s2 \\(High\\)$", shown.Out);
        Assert.Matches("(?m)^  became aware +2026-11-02 08:30 UTC$", shown.Out);
        Assert.Matches("(?m)^  comms manager +.* <sam@example\\.com>$", shown.Out);
        Assert.Matches("(?m)^  next update due +2026-11-02 09:30 UTC$", shown.Out);
        Assert.Matches("(?m)^legal +Legal +2026-11-02 09:30 +no +", shown.Out);
        Assert.Matches("(?m)^gdpr-art-33 +GDPR Art\\. 33 notification to the supervisory authority +2026-11-05 08:30 +2d 23h +running$", shown.Out);
        Assert.Contains("Messages: none yet", shown.Out, StringComparison.Ordinal);

        clocks.AssertSucceeded();
        Assert.Matches("^KEY +NAME +DUE \\(UTC\\) +REMAINING +STATE$", clocks.Lines[0]);
        Assert.Matches("(?m)^external-message-s2 +Approved external message out \\(S2\\) +2026-11-03 08:30 +23h 30m +running$", clocks.Out);
        Assert.Matches("(?m)^gdpr-art-33 +GDPR Art\\. 33 .* +2026-11-05 08:30 +2d 23h +running$", clocks.Out);
        Assert.DoesNotContain("\u001b[", clocks.Out, StringComparison.Ordinal);

        engaged.AssertSucceeded();
        Assert.Equal("Legal engaged at 2026-11-02 09:00 UTC.", engaged.Lines[0]);
        Assert.Contains("Still to engage: ", engaged.LastLine, StringComparison.Ordinal);
        Assert.DoesNotContain("Legal", engaged.LastLine, StringComparison.Ordinal);
        noted.AssertSucceeded();
        Assert.Equal("Note added to the timeline at 2026-11-02 09:00 UTC.", noted.LastLine);
        updated.AssertSucceeded();
        Assert.Equal("INC-1: internal update recorded at 2026-11-02 09:00 UTC; the next is due by 2026-11-02 10:00 UTC.", updated.LastLine);
        message.AssertSucceeded();
        Assert.Matches("^SC-\\d+: initial-notice drafted in incident-response: Credential stuffing against the customer portal\\. Id: [0-9a-f-]{36}$",
            message.LastLine);
        contained.AssertSucceeded();
        Assert.Equal("INC-1: status is now contained (contained 2026-11-02 08:50 UTC).", contained.LastLine);
        met.AssertSucceeded();
        Assert.Equal("GDPR Art. 33 notification to the supervisory authority: met at 2026-11-02 09:00 UTC by DPA case 2026-4411.", met.LastLine);
        resolved.AssertSucceeded();
        Assert.Equal("INC-1: status is now resolved (contained 2026-11-02 08:50 UTC, resolved 2026-11-02 09:00 UTC).", resolved.LastLine);
        listed.AssertSucceeded();
        Assert.Matches("^REFERENCE +SEVERITY +STATUS +KIND +AWARE SINCE +CONTAINED +TITLE +ID$", listed.Lines[0]);
        Assert.Matches($"^INC-1 +s2 +resolved +breach +2026-11-02 08:30 UTC +2026-11-02 08:50 UTC +Credential stuffing against the customer portal +{id}$",
            listed.Lines[1]);
        stillOpen.AssertSucceeded();
        Assert.Equal("No incidents match.", stillOpen.LastLine);
        byStatus.AssertSucceeded();
        Assert.Equal("INC-1", JsonDocument.Parse(byStatus.Out).RootElement.GetProperty("items").EnumerateArray().Single().GetProperty("reference").GetString());
        otherSeverity.AssertSucceeded();
        Assert.Equal("No incidents match.", otherSeverity.LastLine);

        afterwards.AssertSucceeded();
        var details = JsonDocument.Parse(afterwards.Out).RootElement;
        Assert.Equal("resolved", details.GetProperty("incident").GetProperty("status").GetString());
        Assert.Equal("met", details.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "gdpr-art-33")
            .GetProperty("state").GetString());
        Assert.Equal("initial-notice", details.GetProperty("messages")[0].GetProperty("part").GetString());
        Assert.Equal("phone call", details.GetProperty("engagements").EnumerateArray().Single(e => e.GetProperty("party").GetString() == "legal")
            .GetProperty("note").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Running_clocks_across_incidents_say_how_long_is_left_or_how_long_overdue(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        (await Cli.RunAsync(app, sam.Token, Open)).AssertSucceeded();
        (await Cli.RunAsync(app, sam.Token, "incidents", "open", "--title", "Misrouted invoices", "--kind", "accidental-disclosure", "--severity", "s3",
            "--became-aware", "2026-11-02T09:00:00Z", "--customer-tiers", "enterprise", "--json")).AssertSucceeded();

        var none = await Cli.RunAsync(app, sam.Token, "incidents", "clocks", "--json");
        app.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(10));
        var later = await Cli.RunAsync(app, sam.Token, "incidents", "clocks");
        var json = await Cli.RunAsync(app, sam.Token, "incidents", "clocks", "--json");

        none.AssertSucceeded();
        Assert.Equal(3, JsonDocument.Parse(none.Out).RootElement.GetArrayLength());
        later.AssertSucceeded();
        Assert.Matches("^INCIDENT +SEVERITY +KEY +NAME +DUE \\(UTC\\) +REMAINING +STATE$", later.Lines[0]);
        Assert.Matches("^INC-1 +s2 +external-message-s2 +Approved external message out \\(S2\\) +2026-11-03 08:30 +overdue 40m +missed$", later.Lines[1]);
        Assert.Matches("^INC-2 +s3 +customer-sla:enterprise +.+ +2026-11-03 09:00 +overdue 10m +missed$", later.Lines[2]);
        Assert.Matches("^INC-1 +s2 +gdpr-art-33 +.+ +2026-11-05 08:30 +1d 23h +running$", later.Lines[3]);
        json.AssertSucceeded();
        var first = JsonDocument.Parse(json.Out).RootElement[0];
        Assert.Equal("INC-1", first.GetProperty("incident").GetString());
        Assert.Equal("missed", first.GetProperty("clock").GetProperty("state").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task In_a_terminal_each_state_is_coloured_by_how_urgent_it_is(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        (await Cli.RunAsync(app, sam.Token, [.. Open, "--actively-exploited"])).AssertSucceeded();
        app.Time.Advance(TimeSpan.FromHours(20));

        using var output = new StringWriter();
        var host = new CliHost(output, TextWriter.Null, TextReader.Null, new Dictionary<string, string?>(), Cli.EmptyFolder, app.Server.CreateHandler(),
            Colour: true);
        var exitCode = await CliApp.RunAsync(["incidents", "clocks", "INC-1", "--url", "http://localhost", "--token", sam.Token], host);

        Assert.Equal(ExitCodes.Success, exitCode);
        var lines = output.ToString().Split('\n');
        Assert.EndsWith("3h 30m     \u001b[33mescalated (1)\u001b[0m", lines.Single(l => l.StartsWith("cra-early-warning ", StringComparison.Ordinal)));
        Assert.EndsWith("\u001b[32mrunning\u001b[0m", lines.Single(l => l.StartsWith("gdpr-art-33 ", StringComparison.Ordinal)));
        Assert.EndsWith("waiting", lines.Single(l => l.StartsWith("cra-final-report ", StringComparison.Ordinal)));
        app.Time.Advance(TimeSpan.FromHours(5));
        using var later = new StringWriter();
        await CliApp.RunAsync(["incidents", "clocks", "--url", "http://localhost", "--token", sam.Token], host with { Out = later });
        Assert.Matches("(?m)^INC-1 +s2 +cra-early-warning +.+ +overdue 1h 30m +\u001b\\[31mmissed\u001b\\[0m$", later.ToString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Bad_input_is_refused_in_one_line_with_the_exit_code_and_changes_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        (await Cli.RunAsync(app, sam.Token, Open)).AssertSucceeded();
        var id = JsonDocument.Parse((await Cli.RunAsync(app, sam.Token, "incidents", "show", "INC-1", "--json")).Out).RootElement
            .GetProperty("incident").GetProperty("id").GetString()!;
        var before = await Cli.RunAsync(app, sam.Token, "incidents", "show", "INC-1", "--json");

        var badSeverity = await Cli.RunAsync(app, sam.Token, "incidents", "update", "INC-1", "--severity", "s5");
        var badOpen = await Cli.RunAsync(app, sam.Token, "incidents", "open", "--title", "Second", "--kind", "breach", "--severity", "critical",
            "--became-aware", "2026-11-02T08:30:00Z");
        var containedEarly = await Cli.RunAsync(app, sam.Token, "incidents", "contain", "INC-1", "--at", "2026-11-02T08:00:00Z");
        var bareDate = await Cli.RunAsync(app, sam.Token, "incidents", "resolve", "INC-1", "--at", "2026-11-02");
        var backwards = await Cli.RunAsync(app, sam.Token, "incidents", "status", "INC-1", "investigating");
        var nothing = await Cli.RunAsync(app, sam.Token, "incidents", "update", "INC-1");
        var unknownParty = await Cli.RunAsync(app, sam.Token, "incidents", "engage", "INC-1", "the-press");
        var bothWays = await Cli.RunAsync(app, sam.Token, "incidents", "met", "INC-1", "gdpr-art-33", "--communication", "SC-1", "--evidence", "x");
        var notItsMessage = await Cli.RunAsync(app, sam.Token, "incidents", "met", "INC-1", "gdpr-art-33", "--communication", "SC-9");
        var unknown = await Cli.RunAsync(app, sam.Token, "incidents", "show", "INC-7");
        var outsiderByReference = await Cli.RunAsync(app, lee.Token, "incidents", "show", "INC-1");
        var outsiderById = await Cli.RunAsync(app, lee.Token, "incidents", "contain", id);
        var outsiderList = await Cli.RunAsync(app, lee.Token, "incidents", "list");
        var outsiderClocks = await Cli.RunAsync(app, lee.Token, "incidents", "clocks");
        var after = await Cli.RunAsync(app, sam.Token, "incidents", "show", "INC-1", "--json");

        badSeverity.AssertFailed(ExitCodes.Usage, "s5");
        badOpen.AssertFailed(ExitCodes.Usage, "critical");
        containedEarly.AssertFailed(ExitCodes.Refused, "at cannot be before the company became aware of INC-1");
        bareDate.AssertFailed(ExitCodes.Usage, "--at '2026-11-02' is not a time such as 2026-11-02T08:30:00Z.");
        backwards.AssertFailed(ExitCodes.Usage, "investigating");
        nothing.AssertFailed(ExitCodes.Usage, "give at least one fact to change");
        unknownParty.AssertFailed(ExitCodes.Refused, "party must be one of the parties the policy names: director-security-operations, vp-security,");
        bothWays.AssertFailed(ExitCodes.Usage, "give exactly one of --communication or --evidence.");
        notItsMessage.AssertFailed(ExitCodes.Refused, "SC-9 is not one of this incident's communications");
        unknown.AssertFailed(ExitCodes.Refused, "no incident INC-7");
        outsiderByReference.AssertFailed(ExitCodes.Refused, "no incident INC-1");
        outsiderById.AssertFailed(ExitCodes.Refused, "Not found: No such incident.");
        outsiderList.AssertSucceeded();
        Assert.Equal("No incidents match.", outsiderList.LastLine);
        outsiderClocks.AssertSucceeded();
        Assert.Equal("No clocks are running.", outsiderClocks.LastLine);
        Assert.Equal(before.Out, after.Out);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Facts_are_changed_and_clocks_follow(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        (await Cli.RunAsync(app, sam.Token, Open)).AssertSucceeded();

        var updated = await Cli.RunAsync(app, sam.Token, "incidents", "update", "INC-1", "--severity", "s1", "--personal-data", "false", "--regions", "EU,US");
        var clocks = await Cli.RunAsync(app, sam.Token, "incidents", "clocks", "INC-1", "--json");

        updated.AssertSucceeded();
        Assert.Matches("^INC-1: saved; breach, severity s1 \\(Critical\\), status investigating\\. Id: ", updated.LastLine);
        var states = JsonDocument.Parse(clocks.Out).RootElement.EnumerateArray()
            .ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("state").GetString());
        Assert.Equal("withdrawn", states["gdpr-art-33"]);
        Assert.Equal("running", states["nis2-early-warning"]);
        Assert.Equal("running", states["external-message-s1"]);
    }
}
