using System.Net;
using System.Text;
using Ical.Net.CalendarComponents;
using SecComms.Core.Data;
using SecComms.Testing;
using SecComms.Web.Advisories;

namespace SecComms.Web.Tests.Releases;

/// <summary>GET /releases/calendar.ics: a public iCalendar feed that calendar apps read.</summary>
public sealed class CalendarIcsTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["ReleaseCalendar:TimeZone"] = "Europe/Berlin",
        ["ReleaseCalendar:TimeOfDay"] = "10:00",
        ["ReleaseCalendar:Overrides:0"] = "move security 2026-12-24 to 2026-12-29",
        ["ReleaseCalendar:Overrides:1"] = "skip regular 2027-08-19",
        ["SecComms:BaseUrl"] = "https://security.example.com/",
        ["PublicSite:Title"] = "ACME, Inc. security; advisories",
    };

    [Fact]
    public async Task Anyone_gets_the_next_twelve_months_as_events_a_calendar_parser_reads()
    {
        await using var app = await SecCommsApp.StartAsync(DatabaseOptions.Sqlite, Settings);

        using var response = await app.CreateClient().GetAsync("/releases/calendar.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync());
        Assert.NotNull(calendar);
        Assert.Equal("ACME, Inc. security; advisories: release calendar", calendar.Properties["X-WR-CALNAME"]?.Value);
        var events = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).ToList();
        // 2 November 2026 to 1 November 2027: twelve regular releases, one skipped, and twelve security releases.
        Assert.Equal(23, events.Count);
        Assert.Equal(11, events.Count(e => e.Summary == "Regular release"));
        Assert.Equal(12, events.Count(e => e.Summary == "Security release"));
        Assert.Equal(events.Count, events.Select(e => e.Uid).Distinct().Count());

        var first = events[0];
        Assert.Equal("regular-20261119@security.example.com", first.Uid);
        Assert.Equal(new DateTime(2026, 11, 19, 9, 0, 0, DateTimeKind.Utc), first.DtStart!.AsUtc);
        Assert.True(first.DtStart.IsUtc);
        Assert.Equal(new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), first.DtStamp!.AsUtc);
        Assert.Equal("Regular release: 2026-11-19, 10:00 Europe/Berlin (UTC+01:00).", first.Description);

        var moved = Assert.Single(events, e => e.Uid == "security-20261224@security.example.com");
        Assert.Equal(new DateTime(2026, 12, 29, 9, 0, 0, DateTimeKind.Utc), moved.DtStart!.AsUtc);
        Assert.Equal("Security release: 2026-12-29, 10:00 Europe/Berlin (UTC+01:00); moved from 2026-12-24.", moved.Description);

        var summer = Assert.Single(events, e => e.Uid == "regular-20270617@security.example.com");
        Assert.Equal(new DateTime(2027, 6, 17, 8, 0, 0, DateTimeKind.Utc), summer.DtStart!.AsUtc);
        Assert.DoesNotContain(events, e => e.Uid == "regular-20270819@security.example.com");
        Assert.Contains(events, e => e.Uid == "security-20270826@security.example.com");
        Assert.Equal("security-20271028@security.example.com", events[^1].Uid);
    }

    [Fact]
    public async Task The_text_follows_rfc_5545_crlf_lines_folded_at_75_octets_and_escaped_text()
    {
        await using var app = await SecCommsApp.StartAsync(DatabaseOptions.Sqlite, Settings);

        var bytes = await app.CreateClient().GetByteArrayAsync("/releases/calendar.ics");

        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", text, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var lines = text[..^2].Split("\r\n");
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"Longer than 75 octets: {line}"));
        Assert.Contains(lines, line => line.StartsWith(' '));
        var unfolded = text.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");
        Assert.Contains("X-WR-CALNAME:ACME\\, Inc. security\\; advisories: release calendar", unfolded);
        Assert.Contains("DESCRIPTION:Security release: 2026-12-29\\, 10:00 Europe/Berlin (UTC+01:00)\\; moved from 2026-12-24.", unfolded);
        Assert.Equal(23, unfolded.Count(l => l == "BEGIN:VEVENT"));
        Assert.Equal(23, unfolded.Count(l => l == "DTSTAMP:20261102T000000Z"));
        Assert.Contains("DTSTART:20261119T090000Z", unfolded);
    }

    [Fact]
    public async Task It_is_cached_like_the_public_site_and_unchanged_all_day()
    {
        await using var app = await SecCommsApp.StartAsync(DatabaseOptions.Sqlite, Settings);
        var anyone = app.CreateClient();

        using var first = await anyone.GetAsync("/releases/calendar.ics");
        app.Time.Advance(TimeSpan.FromHours(5));
        using var later = await anyone.GetAsync("/releases/calendar.ics");
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/releases/calendar.ics");
        revalidate.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await anyone.SendAsync(revalidate);
        app.Time.Advance(TimeSpan.FromDays(1));
        using var tomorrow = await anyone.GetAsync("/releases/calendar.ics");

        Assert.Equal(PublicResponses.CacheControl, first.Headers.CacheControl?.ToString());
        Assert.NotNull(first.Headers.ETag);
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), first.Content.Headers.LastModified);
        Assert.Equal(first.Headers.ETag, later.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.NotEqual(first.Headers.ETag, tomorrow.Headers.ETag);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), tomorrow.Content.Headers.LastModified);
    }

    [Fact]
    public async Task Uids_use_the_configured_address_whatever_host_the_calendar_was_asked_for()
    {
        await using var app = await SecCommsApp.StartAsync(DatabaseOptions.Sqlite,
            new Dictionary<string, string?> { ["SecComms:BaseUrl"] = "https://security.example.com/" });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Host = "attacker.example.org";

        var calendar = Ical.Net.Calendar.Load(await client.GetStringAsync("/releases/calendar.ics"));

        Assert.NotNull(calendar);
        var first = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).First();
        Assert.Equal("regular-20261119@security.example.com", first.Uid);
        Assert.Equal(new DateTime(2026, 11, 19, 12, 0, 0, DateTimeKind.Utc), first.DtStart!.AsUtc);
        Assert.Equal(TimeSpan.FromHours(1), Duration(first));
    }

    private static TimeSpan Duration(CalendarEvent e) => e.DtEnd is { } end ? end.AsUtc - e.DtStart!.AsUtc : e.Duration!.Value.ToTimeSpanUnspecified();
}
