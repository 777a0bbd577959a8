using Microsoft.Playwright;

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
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
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

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not shown.");

    private static Task<string> StyleAsync(ILocator locator, string property) =>
        locator.EvaluateAsync<string>($"e => getComputedStyle(e).{property}");
}
