using System.Globalization;
using SecComms.Core.Communications;
using static Microsoft.Playwright.Assertions;

namespace SecComms.Web.Tests.Pages;

public sealed class LocalTimesBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Times_read_in_the_readers_zone_with_how_long_ago_and_keep_utc_on_hover_with_no_serious_accessibility_violations()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        var alice = await app.AddUserAsync("alice@example.com", "Alice Archer", ["security"], "correct horse battery staple");
        var notice = await app.WithCommunicationsAsync(service =>
            service.CreateAsync(alice, new NewCommunication("bug-bounty-update", "Mobile apps in scope", null, null, null), CancellationToken.None));
        await using var context = await chromium.NewContextAsync(new()
        {
            BaseURL = app.BaseAddress.ToString(),
            TimezoneId = "Asia/Tokyo",
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        var problems = BrowserTests.Watch(page);
        await BrowserTests.SignInAsync(page, "alice@example.com");

        await page.GotoAsync($"/communications/{notice.Id}");
        var created = page.Locator("time[datetime]").First;
        await Expect(created).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$"));

        var at = DateTimeOffset.Parse(await created.GetAttributeAsync("datetime") ?? "", CultureInfo.InvariantCulture);
        var tokyo = at.ToOffset(TimeSpan.FromHours(9));
        var text = await created.TextContentAsync() ?? "";
        Assert.Matches("^(now|1 minute ago|2 minutes ago) ", text);
        Assert.Contains(tokyo.ToString("h:mm", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Contains(tokyo.ToString("MMM d", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        foreach (var (width, height, name) in new[] { (1280, 900, "local-times"), (390, 844, "local-times-phone") })
        {
            await page.SetViewportSizeAsync(width, height);
            await BrowserTests.Audit(page, name);
        }
        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }
}
