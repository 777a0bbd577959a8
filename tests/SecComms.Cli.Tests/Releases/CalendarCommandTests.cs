using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Releases;

public sealed class CalendarCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_calendar_is_a_table_in_the_configured_zone_or_json_as_the_api_writes_it(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["ReleaseCalendar:TimeZone"] = "America/New_York",
            ["ReleaseCalendar:TimeOfDay"] = "10:00",
            ["ReleaseCalendar:Security"] = "second and fourth wednesdays",
            ["ReleaseCalendar:Overrides:0"] = "move regular 2026-12-17 to 2026-12-16",
        });
        var lee = await app.AddUserAsync("lee@example.com", ["appsec"]);

        var table = await Cli.RunAsync(app, lee.Token, "releases", "calendar", "--count", "5");
        var json = await Cli.RunAsync(app, lee.Token, "releases", "calendar", "--from", "2027-03-01", "--count", "2", "--json");

        table.AssertSucceeded();
        Assert.Equal(
        [
            "Releases at 10:00 America/New_York; regular: third thursday; security: second and fourth wednesdays.",
            "DATE        DAY  KIND      LOCAL TIME    UTC                   MOVED FROM",
            "2026-11-11  Wed  security  10:00 -05:00  2026-11-11 15:00 UTC",
            "2026-11-19  Thu  regular   10:00 -05:00  2026-11-19 15:00 UTC",
            "2026-11-25  Wed  security  10:00 -05:00  2026-11-25 15:00 UTC",
            "2026-12-09  Wed  security  10:00 -05:00  2026-12-09 15:00 UTC",
            "2026-12-16  Wed  regular   10:00 -05:00  2026-12-16 15:00 UTC  2026-12-17",
        ], table.Lines);
        json.AssertSucceeded();
        var entries = JsonDocument.Parse(json.Out).RootElement.GetProperty("entries");
        Assert.Equal(["2027-03-10", "2027-03-18"], entries.EnumerateArray().Select(e => e.GetProperty("date").GetString()));
        Assert.Equal("2027-03-10T10:00:00-05:00", entries[0].GetProperty("localTime").GetString());
        Assert.Equal("2027-03-18T10:00:00-04:00", entries[1].GetProperty("localTime").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_count_the_api_refuses_is_one_line_on_stderr(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var lee = await app.AddUserAsync("lee@example.com", ["appsec"]);

        var refused = await Cli.RunAsync(app, lee.Token, "releases", "calendar", "--count", "500");

        refused.AssertFailed(ExitCodes.Refused, "count must be between 1 and 100 (it was 500).");
        Assert.Empty(refused.Out);
    }
}
