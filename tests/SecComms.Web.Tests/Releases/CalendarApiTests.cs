using System.Net;
using Microsoft.Extensions.Options;
using SecComms.Core.Data;
using SecComms.Testing;

namespace SecComms.Web.Tests.Releases;

/// <summary>GET /api/v1/releases/calendar, and the host's refusal of calendar settings that cannot work.</summary>
public sealed class CalendarApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_next_releases_come_in_the_configured_zone_with_moves_shown(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["ReleaseCalendar:TimeZone"] = "America/New_York",
            ["ReleaseCalendar:TimeOfDay"] = "10:00",
            ["ReleaseCalendar:Overrides:0"] = "move security 2026-12-24 to 2026-12-22",
        });
        var viewer = await app.AddUserAsync("vic@example.com", ["support"], Core.Identity.UserRole.Viewer);

        var calendar = await (await viewer.Client.GetAsync("/api/v1/releases/calendar?count=4")).JsonAsync();

        Assert.Equal("America/New_York", calendar.GetProperty("timeZone").GetString());
        Assert.Equal("10:00", calendar.GetProperty("timeOfDay").GetString());
        Assert.Equal("third thursday", calendar.GetProperty("regular").GetString());
        Assert.Equal("7 days after regular", calendar.GetProperty("security").GetString());
        var entries = calendar.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["regular", "security", "regular", "security"], entries.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(["2026-11-19", "2026-11-26", "2026-12-17", "2026-12-22"], entries.Select(e => e.GetProperty("date").GetString()));
        Assert.Equal("2026-11-19T15:00:00+00:00", entries[0].GetProperty("at").GetString());
        Assert.Equal("2026-11-19T10:00:00-05:00", entries[0].GetProperty("localTime").GetString());
        Assert.False(entries[0].GetProperty("moved").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entries[0].GetProperty("movedFrom").ValueKind);
        Assert.True(entries[3].GetProperty("moved").GetBoolean());
        Assert.Equal("2026-12-24", entries[3].GetProperty("movedFrom").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Twelve_by_default_up_to_a_hundred_and_from_a_given_date(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var lee = await app.AddUserAsync("lee@example.com", ["appsec"]);

        var byDefault = await (await lee.Client.GetAsync("/api/v1/releases/calendar")).JsonAsync();
        var most = await (await lee.Client.GetAsync("/api/v1/releases/calendar?count=100")).JsonAsync();
        var fromDate = await (await lee.Client.GetAsync("/api/v1/releases/calendar?count=2&from=2028-09-01")).JsonAsync();

        Assert.Equal(12, byDefault.GetProperty("entries").GetArrayLength());
        Assert.Equal("2026-11-19", byDefault.GetProperty("entries")[0].GetProperty("date").GetString());
        Assert.Equal("2027-04-22", byDefault.GetProperty("entries")[11].GetProperty("date").GetString());
        Assert.Equal(100, most.GetProperty("entries").GetArrayLength());
        Assert.Equal(["2028-09-21", "2028-09-28"], fromDate.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("date").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_count_outside_1_to_100_or_not_a_number_is_a_400_and_strangers_get_401(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var lee = await app.AddUserAsync("lee@example.com", ["appsec"]);

        foreach (var count in new[] { "0", "101", "-3" })
        {
            var problem = await (await lee.Client.GetAsync($"/api/v1/releases/calendar?count={count}")).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal($"count must be between 1 and 100 (it was {count}).", problem.GetProperty("errors").GetProperty("count")[0].GetString());
        }
        var notNumber = await (await lee.Client.GetAsync("/api/v1/releases/calendar?count=lots")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("count", notNumber.Detail(), StringComparison.Ordinal);
        var badDate = await (await lee.Client.GetAsync("/api/v1/releases/calendar?from=17.12.2026")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("from", badDate.Detail(), StringComparison.Ordinal);
        await (await app.CreateClient().GetAsync("/api/v1/releases/calendar")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_calendar_settings_that_cannot_work_naming_each_one()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => SecCommsApp.StartAsync(DatabaseOptions.Sqlite, new Dictionary<string, string?>
        {
            ["ReleaseCalendar:Regular"] = "thrid thursday",
            ["ReleaseCalendar:Security"] = "a week after regular",
            ["ReleaseCalendar:TimeZone"] = "Berlin",
            ["ReleaseCalendar:Overrides:0"] = "skip christmas",
        }));

        Assert.Equal(typeof(Core.Releases.Calendar.ReleaseCalendarOptions), refused.OptionsType);
        Assert.Contains("ReleaseCalendar:Regular 'thrid' in 'thrid thursday' is not an ordinal; use first, second, third, fourth or last.", refused.Message,
            StringComparison.Ordinal);
        Assert.Contains("ReleaseCalendar:Security 'a week after regular' is not understood; write 'N days after regular', such as '7 days after regular'.",
            refused.Message, StringComparison.Ordinal);
        Assert.Contains("ReleaseCalendar:TimeZone: 'Berlin' is not a time zone this machine knows", refused.Message, StringComparison.Ordinal);
        Assert.Contains("ReleaseCalendar:Overrides:0 'skip christmas' is not understood", refused.Message, StringComparison.Ordinal);
    }
}
