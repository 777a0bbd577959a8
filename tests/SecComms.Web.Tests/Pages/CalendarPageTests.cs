using System.Net;
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
}
