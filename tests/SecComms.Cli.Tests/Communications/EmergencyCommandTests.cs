using System.Net;
using System.Net.Http.Json;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Communications;

public sealed class EmergencyCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Emergency_mode_is_switched_and_the_deadline_and_backups_are_shown(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var response = await alice.Client.PostAsJsonAsync("/api/v1/communications",
            new { category = "critical-security-release", title = "Critical fix", content = WrittenContent.For("Critical fix"), confidential = true, participants = new[] { "lee@example.com" } });
        var id = (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString() ?? "";

        var on = await Cli.RunAsync(app, alice.Token, "communications", "emergency", id, "--on");
        (await Cli.RunAsync(app, alice.Token, "communications", "submit", id)).AssertSucceeded();
        var requirements = await Cli.RunAsync(app, alice.Token, "communications", "requirements", id);
        var off = await Cli.RunAsync(app, alice.Token, "communications", "emergency", id, "--off");
        var neither = await Cli.RunAsync(app, alice.Token, "communications", "emergency", id);
        var both = await Cli.RunAsync(app, alice.Token, "communications", "emergency", id, "--on", "--off");
        var outsider = await Cli.RunAsync(app, lee.Token, "communications", "emergency", id, "--on");

        on.AssertSucceeded();
        Assert.Equal("SC-1: emergency mode on.", on.LastLine);
        requirements.AssertSucceeded();
        Assert.Contains("Due: stage 1 (security) by 2026-11-02 10:00 UTC; backup teams appsec may approve it once it is overdue", requirements.Lines);
        Assert.Contains("Emergency mode: on", requirements.Lines);
        off.AssertSucceeded();
        Assert.Equal("SC-1: emergency mode off; stage 1 (security) is due by 2026-11-02 13:00 UTC.", off.LastLine);
        neither.AssertFailed(ExitCodes.Usage, "give exactly one of --on or --off.");
        both.AssertFailed(ExitCodes.Usage, "give exactly one of --on or --off.");
        outsider.AssertFailed(ExitCodes.Refused, "may switch emergency mode; you are in neither.");
    }
}
