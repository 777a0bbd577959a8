using Microsoft.Playwright;
using System.Text.RegularExpressions;
using SecComms.Web.Tests.Identity;
using static Microsoft.Playwright.Assertions;

namespace SecComms.Web.Tests.Pages;

/// <summary>Signing in through the OpenID provider (oidc-provider on loopback) in a real browser.</summary>
public sealed class SingleSignOnBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "ada's provider passphrase";

    [Fact]
    public async Task A_person_signs_in_through_the_provider_and_lands_with_the_teams_of_their_groups_with_no_serious_accessibility_violation()
    {
        await using var world = await SingleSignOnWorld.StartAsync(new() { ["SingleSignOn:CreatePeople"] = "true" });
        await world.Provider.SetAccountAsync("ada", new(Password, "ada@example.com", "Ada Lovelace", ["secops", "legal-team", "seccomms-admins"]));
        await using var context = await chromium.NewContextAsync(new() { BaseURL = world.App.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var problems = BrowserTests.Watch(page);

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await BrowserTests.Audit(page, "signin-single-sign-on");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Test ID" }).ClickAsync();
        await page.GetByLabel("Username").FillAsync("ada");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Communications", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Ada Lovelace")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByText("Incidents", new() { Exact = true })).ToBeVisibleAsync();
        await page.GotoAsync("/people");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ada@example.com" });
        await Expect(row).ToContainTextAsync("legal, security");
        await Expect(row).ToContainTextAsync("Administrator");
        await row.GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" }).ClickAsync();
        await Expect(page.GetByText("Through single sign-on")).ToBeVisibleAsync();
        await Expect(page.GetByText("teams and role come from the single sign-on provider (Test ID)")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save teams and role" })).ToHaveCountAsync(0);
        await BrowserTests.Audit(page, "person-single-sign-on");

        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }
}
