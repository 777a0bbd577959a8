using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Web.Tests.Pages;

public sealed class CalendarPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_calendar_page_lists_the_next_releases_with_moves_and_links_the_feed(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["ReleaseCalendar:TimeZone"] = "Europe/Berlin",
            ["ReleaseCalendar:TimeOfDay"] = "10:00",
            ["ReleaseCalendar:Overrides:0"] = "move security 2026-12-24 to 2026-12-22",
        });
        var lee = await PageSession.AddAndSignInAsync(app, "lee@example.com", ["appsec"]);

        var html = WebUtility.HtmlDecode(await lee.GetHtmlAsync("/releases/calendar"));
        var anonymous = await PageSession.Anonymous(app).Client.GetAsync("/releases/calendar");

        Assert.Contains("<h1>Release calendar</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Regular releases: <strong>third thursday</strong>. Security releases: <strong>7 days after regular</strong>.", html,
            StringComparison.Ordinal);
        Assert.Contains("Releases go out at 10:00 Europe/Berlin.", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-11-19\">Thu 2026-11-19</time>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-11-19T09:00:00Z\">2026-11-19 09:00 UTC</time>", html, StringComparison.Ordinal);
        Assert.Contains("10:00 (UTC+01:00)", html, StringComparison.Ordinal);
        Assert.Matches("<time datetime=\"2026-12-22\">Tue 2026-12-22</time></td>\\s*<td>Security release</td>[\\s\\S]*?2026-12-24\\s*</td>", html);
        Assert.Equal(12, html.Split("<tr>").Length - 2);
        Assert.Contains("<a class=\"button\" href=\"/releases/calendar.ics\">Subscribe (iCalendar)</a>", html, StringComparison.Ordinal);
        Assert.Matches("<a (href=\"/releases/calendar\" aria-current=\"page\"|aria-current=\"page\" href=\"/releases/calendar\")>Release calendar</a>", html);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Planned_releases_show_on_their_days_and_one_planned_off_the_calendar_is_shown_and_answered_with_a_warning(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var lee = await PageSession.AddAndSignInAsync(app, "lee@example.com", ["appsec"]);
        const string warning = "Fri 2026-12-18 is not a security release date on the release calendar; the nearest are Thu 2026-11-26 and Thu 2026-12-24.";

        var onTheCalendar = await PlanAsync(alice.Client, "planned", "18.4.2", "2026-11-26T00:00:00Z");
        var offTheCalendar = await PlanAsync(alice.Client, "planned", "18.5.1", "2026-12-18T00:00:00Z");
        var critical = await PlanAsync(alice.Client, "critical", "18.4.3", "2026-12-02T00:00:00Z");

        Assert.Equal(JsonValueKind.Null, onTheCalendar.GetProperty("calendarWarning").ValueKind);
        Assert.Equal(warning, offTheCalendar.GetProperty("calendarWarning").GetString());
        Assert.Equal(JsonValueKind.Null, critical.GetProperty("calendarWarning").ValueKind);
        var html = WebUtility.HtmlDecode(await lee.GetHtmlAsync("/releases/calendar")).ReplaceLineEndings("\n");
        Assert.Matches($"<time datetime=\"2026-11-26\">Thu 2026-11-26</time></td>\\s*<td>Security release</td>(?:(?!</tr>)[\\s\\S])*"
            + $"<a href=\"/releases/{onTheCalendar.GetProperty("id").GetString()}\"><span class=\"reference\">SR-1</span> 18.4.2</a>", html);
        Assert.Matches($"<tr class=\"off-calendar\">\\s*<td><time datetime=\"2026-12-18\">Fri 2026-12-18</time></td>\\s*<td><span class=\"badge badge-not-ready\">Not on the calendar</span>"
            + $"(?:(?!</tr>)[\\s\\S])*<span class=\"reference\">SR-2</span> 18.5.1</a>\\s*<p class=\"hint calendar-warning\">{System.Text.RegularExpressions.Regex.Escape(warning)}</p>", html);
        Assert.Matches("<time datetime=\"2026-12-02\">Wed 2026-12-02</time>(?:(?!</tr>)[\\s\\S])*SR-3</span> 18.4.3</a>\\s*<span class=\"muted\">\\(critical, outside the schedule\\)</span>\\s*</li>", html);
        Assert.True(html.IndexOf("2026-11-26", StringComparison.Ordinal) < html.IndexOf("2026-12-02", StringComparison.Ordinal)
            && html.IndexOf("2026-12-02", StringComparison.Ordinal) < html.IndexOf("2026-12-18", StringComparison.Ordinal), "The days are in order.");

        var planned = await lee.SubmitAsync("/releases", new()
        {
            ["Kind"] = "Planned",
            ["Product"] = "Acme Platform",
            ["Versions"] = "18.6.1",
            ["PlannedFor"] = "2026-12-18",
            ["Title"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var release = WebUtility.HtmlDecode(await lee.GetHtmlAsync(planned.Headers.Location!.OriginalString));
        Assert.Contains($"SR-4 is planned. Choose the vulnerabilities it fixes, then prepare it. Note: {warning}", release, StringComparison.Ordinal);
        Assert.Contains(warning, WebUtility.HtmlDecode(await lee.GetHtmlAsync("/releases")), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> PlanAsync(HttpClient client, string kind, string version, string plannedFor) =>
        await (await client.PostAsJsonAsync("/api/v1/releases", new { kind, product = "Acme Platform", versions = new[] { version }, plannedFor }))
            .JsonAsync(HttpStatusCode.Created);
}
