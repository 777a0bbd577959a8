using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SecComms.Web.Tests.Pages;

/// <summary>How the pages are laid out in Chromium: form controls, and the navigation on a desk and on a phone.</summary>
public sealed class LayoutBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task The_webhook_address_is_styled_like_the_other_inputs_and_every_category_box_has_the_same_size()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        await app.AddUserAsync("alice@example.com", "Alice Archer", ["security"], Password);
        await using var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var problems = BrowserTests.Watch(page);
        await BrowserTests.SignInAsync(page, "alice@example.com");

        await page.GotoAsync("/webhooks");

        var name = await BoxAsync(page.GetByLabel("Name", new() { Exact = true }));
        var address = await BoxAsync(page.GetByLabel("Address", new() { Exact = true }));
        Assert.Equal(name.Height, address.Height, 0.5);
        Assert.Equal(name.Width, address.Width, 0.5);
        Assert.Equal(await StyleAsync(page.GetByLabel("Name", new() { Exact = true }), "border"), await StyleAsync(page.GetByLabel("Address", new() { Exact = true }), "border"));
        var boxes = page.Locator("input[name=Categories]");
        var count = await boxes.CountAsync();
        Assert.True(count > 5, $"Only {count} category boxes.");
        var first = await BoxAsync(boxes.First);
        for (var i = 0; i < count; i++)
        {
            var box = await BoxAsync(boxes.Nth(i));
            Assert.True(Math.Abs(box.Width - first.Width) < 0.5 && Math.Abs(box.Height - first.Height) < 0.5,
                $"Category box {i + 1} is {box.Width}×{box.Height}, the first {first.Width}×{first.Height}.");
        }
        Assert.True(first.Width > 15, $"The category boxes are {first.Width} px wide.");
        await BrowserTests.Audit(page, "webhooks");
        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task On_a_desk_the_six_jobs_fit_on_one_line_of_a_compact_header_and_each_opens_with_its_tabs()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        await app.AddUserAsync("alice@example.com", "Alice Archer", ["security"], Password);
        await using var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var problems = BrowserTests.Watch(page);
        await BrowserTests.SignInAsync(page, "alice@example.com");

        var items = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link);
        Assert.Equal(["Communications", "Releases", "Incidents", "Audiences", "Exceptions", "Admin"], await items.AllInnerTextsAsync());
        var tops = new List<float>();
        for (var i = 0; i < await items.CountAsync(); i++)
        {
            tops.Add((await BoxAsync(items.Nth(i))).Y);
        }
        Assert.True(tops.Distinct().Count() == 1, $"The top items are at {string.Join(", ", tops)} px from the top.");
        var header = await BoxAsync(page.Locator(".site-header"));
        Assert.True(header.Height < 100, $"The header is {header.Height} px tall.");
        Assert.True(Math.Abs((await BoxAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }))).Y - tops[0]) < header.Height / 2,
            "Signing out is on the same line.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New communication" })).ToHaveCountAsync(1);
        await Expect(page.GetByText("Menu", new() { Exact = true })).ToBeHiddenAsync();
        await BrowserTests.Audit(page, "navigation-desk");

        await items.GetByText("Releases", new() { Exact = true }).ClickAsync();
        var releaseTabs = page.GetByRole(AriaRole.Navigation, new() { Name = "Releases" }).GetByRole(AriaRole.Link);
        Assert.Equal(["All releases", "Release calendar", "Vulnerabilities"], await releaseTabs.AllInnerTextsAsync());
        await releaseTabs.GetByText("Vulnerabilities").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vulnerabilities", Level = 1 })).ToBeVisibleAsync();
        await Expect(items.GetByText("Releases", new() { Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(releaseTabs.GetByText("Vulnerabilities")).ToHaveAttributeAsync("aria-current", "page");
        await BrowserTests.Audit(page, "navigation-tabs");

        await items.GetByText("Admin", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Personal access tokens", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(["Access tokens", "Webhooks", "API reference", "Audit trail", "Policy"],
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link).AllInnerTextsAsync());
        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task On_a_phone_the_navigation_is_a_closed_menu_that_opens_without_script()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        await app.AddUserAsync("alice@example.com", "Alice Archer", ["security"], Password);
        await using var context = await chromium.NewContextAsync(Phone(app, script: true));
        var page = await context.NewPageAsync();
        var problems = BrowserTests.Watch(page);
        await BrowserTests.SignInAsync(page, "alice@example.com");

        var header = await BoxAsync(page.Locator(".site-header"));
        Assert.True(header.Height < 70, $"The closed menu leaves a header {header.Height} px tall.");
        var main = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(main).ToHaveCountAsync(0);
        var signOut = await BoxAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }));
        Assert.True(signOut.Y + signOut.Height <= header.Y + header.Height, "Signing out stays in the header.");
        await BrowserTests.Audit(page, "navigation-phone");

        await page.GetByText("Menu", new() { Exact = true }).ClickAsync();

        Assert.Equal(["Communications", "Releases", "Incidents", "Audiences", "Exceptions", "Admin"], await main.GetByRole(AriaRole.Link).AllInnerTextsAsync());
        Assert.Equal(header.Height, (await BoxAsync(page.Locator(".site-header"))).Height, 0.5);
        await BrowserTests.Audit(page, "navigation-phone-open");
        await main.GetByRole(AriaRole.Link, new() { Name = "Incidents" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Incidents", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToHaveCountAsync(0);
        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));

        await using var noScript = await chromium.NewContextAsync(Phone(app, script: false));
        var plain = await noScript.NewPageAsync();
        await BrowserTests.SignInAsync(plain, "alice@example.com");
        await plain.GetByText("Menu", new() { Exact = true }).ClickAsync();
        await plain.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Exceptions" }).ClickAsync();
        await Expect(plain.GetByRole(AriaRole.Heading, new() { Name = "Policy exceptions", Level = 1 })).ToBeVisibleAsync();
    }

    private static BrowserNewContextOptions Phone(LiveSecCommsApp app, bool script) => new()
    {
        BaseURL = app.BaseAddress.ToString(),
        ViewportSize = new() { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        JavaScriptEnabled = script,
    };

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not shown.");

    private static Task<string> StyleAsync(ILocator locator, string property) =>
        locator.EvaluateAsync<string>($"e => getComputedStyle(e).{property}");
}
