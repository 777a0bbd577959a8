using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecComms.Core.Communications;
using SecComms.Core.Disclosure;
using SecComms.Core.Identity;
using SecComms.Core.Releases;
using SecComms.Core.Workflow;
using SecComms.Testing;
using SecComms.Web.Tests.Pages;
using SecComms.Web.Tests.Releases;
using static Microsoft.Playwright.Assertions;

namespace SecComms.Web.Tests.Advisories;

public sealed class PublicSiteBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Anyone_reads_a_published_advisory_from_the_list_with_no_serious_accessibility_violations()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        var alice = await app.AddUserAsync("alice@example.com", "Alice Archer", ["security"], "correct horse battery staple");
        var sam = await app.AddUserAsync("sam@example.com", "Sam Shah", ["security"], "correct horse battery staple");
        await app.WithServicesAsync(async services =>
        {
            var communications = services.GetRequiredService<CommunicationService>();
            var workflow = services.GetRequiredService<WorkflowService>();
            var release = await communications.CreateAsync(alice, new NewCommunication("security-release", "GitLab 18.4.1", null, null, null), CancellationToken.None);
            var revised = await communications.ReviseAsync(alice, release.Id, 1, new ContentInput(null,
                "# GitLab 18.4.1\n\nWe fixed **three** vulnerabilities.\n\n| Title | Severity |\n| --- | --- |\n| Path traversal | High |\n\nSee [the upgrade guide](https://example.com/upgrade).",
                null, null, "GitLab 18.4.1 fixes three vulnerabilities. Upgrade now."), null, CancellationToken.None);
            var releases = services.GetRequiredService<SecurityReleases>();
            var shipped = await releases.CreateAsync(alice, new NewSecurityRelease("18.4.1", ReleaseKind.Planned, null), CancellationToken.None);
            await releases.PublishAsync(alice, shipped.Id, null, CancellationToken.None);
            await services.GetRequiredService<DisclosureService>().SetLinksAsync(alice, release.Id, new LinksRequest(shipped.Id, null, null), CancellationToken.None);
            await workflow.AnswerSafeAsync(alice, release.Id, new SafeRequest(false, true, false, false, null), CancellationToken.None);
            var submitted = await workflow.SubmitAsync(alice, release.Id, CancellationToken.None);
            await workflow.DecideAsync(sam, release.Id, new DecisionRequest(null, "approve", submitted.PackageHash, null), CancellationToken.None);
            return await workflow.PublishAsync(alice, release.Id, null, CancellationToken.None);
        });
        await using var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), TimezoneId = "Asia/Tokyo", Locale = "en-US" });
        var page = await context.NewPageAsync();
        var problems = BrowserTests.Watch(page);

        await page.GotoAsync("/advisories");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Security advisories", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        await BrowserTests.Audit(page, "public-list");
        await page.GetByRole(AriaRole.Link, new() { Name = "GitLab 18.4.1" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "GitLab 18.4.1", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".rendered strong")).ToHaveTextAsync("three");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Path traversal" })).ToBeVisibleAsync();
        await BrowserTests.Audit(page, "public-advisory");
        var published = page.Locator(".published time[datetime]");
        await Expect(published).ToHaveAttributeAsync("title", new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$"));
        var tokyo = DateTimeOffset.Parse(await published.GetAttributeAsync("datetime") ?? "", CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(9));
        await Expect(published).ToContainTextAsync(tokyo.ToString("MMM d, yyyy, h:mm", CultureInfo.InvariantCulture));
        var feed = await page.GotoAsync("/advisories/feed.atom");
        Assert.Equal(200, feed?.Status);

        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task A_release_post_and_its_advisories_read_on_a_desktop_and_a_phone_without_sideways_scrolling_or_serious_accessibility_violations()
    {
        await using var app = await LiveSecCommsApp.StartAsync(new Dictionary<string, string?>
        {
            ["Notifications:Enabled"] = "false",
            ["Distribution:Enabled"] = "false",
            ["Mail:PickupDirectory"] = Directory.CreateTempSubdirectory("seccomms-mail-").FullName,
            ["PublicSite:SecurityTxt:Contact:0"] = "mailto:security@example.com",
        });
        var alice = await ApiUserAsync(app, "alice@example.com", ["appsec"]);
        var sam = await ApiUserAsync(app, "sam@example.com", ["security"]);
        var (release, details) = await ReleaseApi.PreparedAsync(alice.Client);
        await ReleaseApi.PublishAllAsync(alice, sam, release, details);
        var post = details.Part("blog-post").GetProperty("reference").GetString();
        var advisory = details.Parts("advisory").First().GetProperty("reference").GetString();

        foreach (var (width, name) in new[] { (1280, "desktop"), (390, "phone") })
        {
            await using var context = await chromium.NewContextAsync(new()
            {
                BaseURL = app.BaseAddress.ToString(),
                ViewportSize = new() { Width = width, Height = 844 },
            });
            var page = await context.NewPageAsync();
            var problems = BrowserTests.Watch(page);

            await page.GotoAsync("/advisories");
            await page.GetByLabel("Severity").SelectOptionAsync("critical");
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("severity=critical"));
            await Expect(page.Locator(".advisories > li")).ToHaveCountAsync(2);
            await Expect(page.Locator(".advisories .public-severity").First).ToHaveTextAsync("Severity: Critical");
            await AssertFitsAsync(page, $"the filtered list at {width} px");
            await BrowserTests.Audit(page, $"public-filtered-{name}");

            await page.GetByRole(AriaRole.Link, new() { Name = "Acme Platform Security Release: 18.4.2, 18.3.5, and 18.2.9" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Table of fixes" })).ToBeVisibleAsync();
            var fixes = page.GetByRole(AriaRole.Region, new() { Name = "Table of fixes" });
            await Expect(fixes.GetByRole(AriaRole.Columnheader, new() { Name = "Severity" })).ToBeVisibleAsync();
            await Expect(fixes.GetByRole(AriaRole.Cell, new() { Name = "Critical" })).ToBeVisibleAsync();
            Assert.Empty(await WordsBrokenAcrossLinesAsync(page));
            await AssertFitsAsync(page, $"the release post at {width} px");
            await BrowserTests.Audit(page, $"public-release-post-{name}");

            await page.GetByRole(AriaRole.Region, new() { Name = "Advisories of this release" }).GetByRole(AriaRole.Link).First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/advisories/{advisory}$"));
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "CSAF 2.0" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Acme Platform Security Release: 18.4.2, 18.3.5, and 18.2.9" })).ToHaveAttributeAsync(
                "href", $"{app.BaseAddress}advisories/{post}");
            await AssertFitsAsync(page, $"the advisory at {width} px");
            await BrowserTests.Audit(page, $"public-advisory-{name}");
            Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));

            foreach (var footer in new[] { "Report a vulnerability (security.txt)", "CSAF provider metadata" })
            {
                var href = await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = footer }).GetAttributeAsync("href");
                Assert.Equal(200, (await context.APIRequest.GetAsync(href ?? "")).Status);
            }
        }
    }

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth, $"{what} scrolls sideways: {scrollWidth} px wide in a {innerWidth} px window.");
    }

    /// <summary>The one-word cells of the body's tables that are laid out on more than one line, as "Sever/ity" would be.</summary>
    private static Task<string[]> WordsBrokenAcrossLinesAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('.rendered th, .rendered td')]
            .filter(cell => !/\s/.test(cell.textContent.trim()))
            .filter(cell => {
                const range = document.createRange();
                range.selectNodeContents(cell);
                return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size > 1;
            })
            .map(cell => cell.textContent.trim())
        """);

    /// <summary>A person with a token for the API of the live host, as the API tests have.</summary>
    private static async Task<TestUser> ApiUserAsync(LiveSecCommsApp app, string email, string[] teams)
    {
        var actor = await app.AddUserAsync(email, email.Split('@')[0], teams, "correct horse battery staple");
        var token = await app.WithServicesAsync(services => services.GetRequiredService<AccessTokens>().IssueAsync(actor, "test", null, null, CancellationToken.None));
        var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        return new TestUser(actor.UserId, email, token.Secret ?? "", client);
    }
}
