using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Incidents;
using SecComms.Core.Releases;
using SecComms.Core.Seeding;
using static Microsoft.Playwright.Assertions;

namespace SecComms.Web.Tests.Pages;

/// <summary>The demo company's main pages as its people read them, full of realistic data, on a desk and on a phone.</summary>
public sealed class DemoBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly (string Name, int Width)[] Screens = [("desk", 1280), ("phone", 390)];

    [Fact]
    public async Task The_demo_companys_main_pages_have_no_serious_accessibility_violations_on_a_desk_or_a_phone()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        var people = await app.WithServicesAsync(services => services.GetRequiredService<DemoCompany>().SeedAsync(CancellationToken.None));
        var pages = await app.WithServicesAsync(services => PagesAsync(services.GetRequiredService<SecCommsDb>()));

        foreach (var (screen, width) in Screens)
        {
            await using var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = 900 } });
            var page = await context.NewPageAsync();
            var problems = BrowserTests.Watch(page);

            await page.GotoAsync("/advisories");
            await BrowserTests.Audit(page, $"demo-advisories-{screen}");
            await page.Locator("main h2 a").First.ClickAsync();
            await BrowserTests.Audit(page, $"demo-advisory-{screen}");
            await ReleaseAdvisoryAsync(page, screen);

            await SignInAsync(page, people.Single(p => p.Actor.Email == "sam@example.com"));
            foreach (var (name, url) in pages.Security)
            {
                await page.GotoAsync(url);
                await BrowserTests.Audit(page, $"demo-{name}-{screen}");
            }
            await page.Context.ClearCookiesAsync();
            await SignInAsync(page, people.Single(p => p.Actor.Email == "admin@example.com"));
            foreach (var (name, url) in pages.Admin)
            {
                await page.GotoAsync(url);
                await BrowserTests.Audit(page, $"demo-{name}-{screen}");
            }
            Assert.True(problems.Count == 0, $"On a {screen} the browser reported: " + string.Join(Environment.NewLine, problems));
        }
    }

    /// <summary>The published release's post, from the public list, and one of the advisories it links, with its severity and exports.</summary>
    private static async Task ReleaseAdvisoryAsync(IPage page, string screen)
    {
        await page.GotoAsync("/advisories");
        await page.GetByRole(AriaRole.Link, new() { Name = $"{DemoCompany.Product} Security Release:" }).ClickAsync();
        await BrowserTests.Audit(page, $"demo-release-post-{screen}");
        await page.GetByRole(AriaRole.Region, new() { Name = "Advisories of this release" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await BrowserTests.Audit(page, $"demo-release-advisory-{screen}");
        await Expect(page.Locator(".public-entry-facts .public-severity")).ToContainTextAsync(new Regex("High|Medium"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "CSAF 2.0", Exact = true })).ToBeVisibleAsync();
    }

    private static async Task SignInAsync(IPage page, SeededPerson person)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(person.Actor.Email);
        await page.GetByLabel("Password").FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Communications", Level = 1 })).ToBeVisibleAsync();
    }

    private sealed record DemoPages(IReadOnlyList<(string Name, string Url)> Security, IReadOnlyList<(string Name, string Url)> Admin);

    private static async Task<DemoPages> PagesAsync(SecCommsDb db)
    {
        var communications = await db.Communications.AsNoTracking().ToListAsync();
        var inReview = communications.Where(c => c.Status == CommunicationStatus.InReview).MinBy(c => c.Number)!;
        var published = communications.Where(c => c.Status == CommunicationStatus.Published).MinBy(c => c.Number)!;
        var releases = await db.SecurityReleases.AsNoTracking().ToListAsync();
        var planned = releases.Single(r => r.Kind == ReleaseKind.Planned && r.Status != ReleaseStatus.Published);
        var incidents = await db.Incidents.AsNoTracking().ToListAsync();
        var open = incidents.Single(i => i.Severity == IncidentSeverity.S1);
        var exception = await db.PolicyExceptions.AsNoTracking().FirstAsync();
        var person = await db.Users.AsNoTracking().FirstAsync(u => u.Email == "lee@example.com");
        return new(
            [
                ("dashboard", "/"),
                ("communication-in-review", $"/communications/{inReview.Id}"),
                ("communication-published", $"/communications/{published.Id}"),
                ("releases", "/releases"),
                ("release", $"/releases/{planned.Id}"),
                ("release-package", $"/releases/{planned.Id}/package"),
                ("incidents", "/incidents"),
                ("incident", $"/incidents/{open.Id}"),
                ("exceptions", "/exceptions"),
                ("exception", $"/exceptions/{exception.Id}"),
                ("audiences", "/audiences"),
                ("audit", "/audit"),
                ("policy", "/policy"),
            ],
            [
                ("people", "/people"),
                ("person", $"/people/{person.Id}"),
                ("policy-edit", "/policy/edit"),
            ]);
    }
}
