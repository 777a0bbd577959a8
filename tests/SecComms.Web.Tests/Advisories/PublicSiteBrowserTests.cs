using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecComms.Core.Communications;
using SecComms.Core.Disclosure;
using SecComms.Core.Releases;
using SecComms.Core.Workflow;
using SecComms.Web.Tests.Pages;
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
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
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
        var feed = await page.GotoAsync("/advisories/feed.atom");
        Assert.Equal(200, feed?.Status);

        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }
}
