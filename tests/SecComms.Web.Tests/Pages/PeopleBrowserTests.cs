using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecComms.Core.Communications;
using SecComms.Core.Identity;
using static Microsoft.Playwright.Assertions;

namespace SecComms.Web.Tests.Pages;

/// <summary>The people pages and the set-password page in a real browser, at a laptop's width and a phone's.</summary>
public sealed class PeopleBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery staple";

    private static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };

    [Fact]
    public async Task An_administrator_invites_someone_who_chooses_a_password_and_is_later_deactivated_with_no_serious_accessibility_violation()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        await app.WithServicesAsync(services => services.GetRequiredService<UserDirectory>().AddAsync(
            new NewUser("ada@example.com", "Ada Lovelace", ["security", "legal"], UserRole.Admin, Password),
            new TeamGrantor.InstallationOperator("test-setup", "The test setup"), CancellationToken.None));
        await using var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = Laptop });
        var page = await context.NewPageAsync();
        var problems = BrowserTests.Watch(page);

        await BrowserTests.SignInAsync(page, "ada@example.com");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByText("Admin", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "People", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(["People", "Access tokens", "Webhooks", "API reference", "Audit trail", "Policy"],
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link).AllInnerTextsAsync());
        await AuditBothWidthsAsync(page, "people");
        var invite = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Invite" }) });
        await invite.GetByLabel("Email", new() { Exact = true }).FillAsync("nia@example.com");
        await invite.GetByLabel("Name").FillAsync("Nia Novak");
        await invite.GetByLabel("Legal").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Copy the invitation link now" })).ToBeVisibleAsync();
        var link = await page.GetByLabel("Link", new() { Exact = true }).InputValueAsync();
        await AuditBothWidthsAsync(page, "people-invited");

        await using (var invited = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = Laptop }))
        {
            var own = await invited.NewPageAsync();
            problems.AddRange(BrowserTests.Watch(own));
            await own.GotoAsync(new Uri(link).PathAndQuery);
            await Expect(own.GetByText("Welcome, Nia Novak.")).ToBeVisibleAsync();
            await AuditBothWidthsAsync(own, "set-password");
            await own.GetByLabel("New password", new() { Exact = true }).FillAsync("a brand new passphrase");
            await own.GetByLabel("New password again").FillAsync("a brand new passphrase");
            await own.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
            await Expect(own.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is set.");
            await BrowserTests.Audit(own, "set-password-done");
        }

        await page.GotoAsync("/people");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nia Novak" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nia Novak", Level = 1 })).ToBeVisibleAsync();
        await AuditBothWidthsAsync(page, "person");
        await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate Nia Novak" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Nia Novak is deactivated");
        await AuditBothWidthsAsync(page, "person-deactivated");

        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task A_person_holding_work_and_a_service_account_with_a_token_have_no_serious_accessibility_violation()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        var ada = await app.WithServicesAsync(services => services.GetRequiredService<UserDirectory>().AddAsync(
            new NewUser("ada@example.com", "Ada Lovelace", ["security"], UserRole.Admin, Password),
            new TeamGrantor.InstallationOperator("test-setup", "The test setup"), CancellationToken.None));
        var mo = await app.AddUserAsync("mo@example.com", "Mo Miller", ["security"], Password);
        await app.WithCommunicationsAsync(service => service.CreateAsync(Actor.From(ada),
            new NewCommunication("security-blog-post", "Passkeys for everyone", null, null, ["mo@example.com"]), CancellationToken.None));
        await using var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = Laptop });
        var page = await context.NewPageAsync();
        var problems = BrowserTests.Watch(page);

        await BrowserTests.SignInAsync(page, "ada@example.com");
        await page.GotoAsync($"/people/{mo.UserId}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "SC-1 Passkeys for everyone" })).ToBeVisibleAsync();
        await AuditBothWidthsAsync(page, "person-holding");

        await page.GotoAsync("/people");
        var account = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Add service account" }) });
        await account.GetByLabel("Email", new() { Exact = true }).FillAsync("bot@example.com");
        await account.GetByLabel("Name").FillAsync("Release pipeline");
        await account.GetByLabel("Security", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add service account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Release pipeline", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Token name").FillAsync("ci");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue token" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Copy the new token now" })).ToBeVisibleAsync();
        await AuditBothWidthsAsync(page, "service-account");

        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }

    /// <summary>Audits the page at a laptop's width and at a phone's, where it must not scroll sideways.</summary>
    private static async Task AuditBothWidthsAsync(IPage page, string name)
    {
        await BrowserTests.Audit(page, name);
        await page.SetViewportSizeAsync(390, 844);
        await BrowserTests.Audit(page, name + "-phone");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"At 390 px {name} scrolls sideways: "
            + await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth).map(e => e.tagName + '.' + e.className + '#' + e.id + ':' + Math.round(e.getBoundingClientRect().right)).join(' ')"));
        await page.SetViewportSizeAsync(Laptop.Width, Laptop.Height);
    }
}
