using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SecComms.Core.Communications;
using static Microsoft.Playwright.Assertions;

namespace SecComms.Web.Tests.Pages;

/// <summary>Debian's headless Chromium, driven by Playwright, against the app on a real port. Never downloads a browser.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    /// <summary>
    /// A new browser context whose actions wait up to a minute and whose assertions up to 15 seconds: on a busy test
    /// machine a page can take longer than Playwright's defaults (30 and 5 seconds) without anything being wrong.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

public sealed partial class BrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery staple";

    /// <summary>Set to a folder to keep full-page screenshots of every page the tests visit.</summary>
    private const string ScreenshotVariable = "SECCOMMS_SCREENSHOTS";

    [Fact]
    public async Task A_writer_signs_in_creates_edits_with_a_preview_and_reads_the_diff()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        await app.AddUserAsync("alice@example.com", "Alice Archer", ["security"], Password);
        await using var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var problems = Watch(page);

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(SignInUrl());
        await page.GetByLabel("Email").FillAsync("alice@example.com");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Communications", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Alice Archer")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "New communication" }).ClickAsync();
        await page.GetByLabel("Category").SelectOptionAsync("security-release");
        await page.GetByLabel("Title").FillAsync("GitLab 18.4.1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.Locator(".page-heading h1")).ToHaveTextAsync("GitLab 18.4.1");
        await Screenshot(page, "view");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        await page.GetByLabel("Body", new() { Exact = true }).FillAsync("# GitLab 18.4.1\n\nWe fixed **three** vulnerabilities.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator("#preview .rendered strong")).ToHaveTextAsync("three");
        await Expect(page.GetByLabel("Body", new() { Exact = true })).ToHaveValueAsync(new Regex("We fixed \\*\\*three\\*\\* vulnerabilities"));
        await Screenshot(page, "edit-preview");
        await page.GetByLabel("Note about this revision").FillAsync("Listed the fixes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save revision" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved revision 2.");
        await Expect(page.Locator(".rendered strong")).ToHaveTextAsync("three");
        await Expect(page.Locator("section[aria-labelledby=history-heading] tbody tr")).ToHaveCountAsync(2);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Listed the fixes" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Changes in revision 2" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Changes from revision 1 to 2" })).ToBeVisibleAsync();
        var added = page.Locator("#variant-body ~ ol .diff-added");
        await Expect(added.Filter(new() { HasText = "We fixed **three** vulnerabilities." })).ToHaveCountAsync(1);
        await Expect(added.First.Locator(".diff-marker")).ToHaveTextAsync("+");
        await Expect(page.Locator("#variant-body ~ ol .diff-removed").First.Locator(".diff-marker")).ToHaveTextAsync("−");
        await Screenshot(page, "diff");

        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task The_list_view_and_edit_pages_have_no_serious_accessibility_violations()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        var alice = await app.AddUserAsync("alice@example.com", "Alice Archer", ["security"], Password);
        await app.AddUserAsync("bob@example.com", "Bob Baker", ["support"], Password);
        var created = await app.WithCommunicationsAsync(async service =>
        {
            var first = await service.CreateAsync(alice,
                new NewCommunication("incident-response", "Unauthorised access to a support tool", null, null, ["bob@example.com"]), CancellationToken.None);
            await service.CreateAsync(alice, new NewCommunication("security-release", "GitLab 18.4.1", null, null, null), CancellationToken.None);
            await service.ReviseAsync(alice, first.Id, 1,
                new ContentInput(null, first.Revision.Content.Body.Replace("## Summary\n", "## Summary\n\nOn 2 November we found [unauthorised access](https://example.com/notice).\n", StringComparison.Ordinal), null, null, null),
                "Summary", CancellationToken.None);
            return first;
        });
        await using var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var problems = Watch(page);

        await page.GotoAsync("/signin");
        await Audit(page, "signin");
        await page.GetByLabel("Email").FillAsync("alice@example.com");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Communications", Level = 1 })).ToBeVisibleAsync();

        foreach (var (name, url) in new[]
        {
            ("list", "/"),
            ("view", $"/communications/{created.Id}"),
            ("edit", $"/communications/{created.Id}/edit"),
            ("diff", $"/communications/{created.Id}/revisions/2/diff"),
            ("new", "/communications/new"),
            ("tokens", "/tokens"),
            ("api-reference", "/api-reference"),
        })
        {
            var response = await page.GotoAsync(url);
            Assert.Equal(200, response?.Status);
            await Audit(page, name);
        }

        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task A_second_person_finds_the_post_waiting_on_them_and_approves_the_text_they_read()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        var alice = await app.AddUserAsync("alice@example.com", "Alice Archer", ["security"], Password);
        await app.AddUserAsync("sam@example.com", "Sam Shah", ["security"], Password);
        await app.AddUserAsync("mo@example.com", "Mo Miller", ["corporate-marketing"], Password);
        var post = await app.WithCommunicationsAsync(service => service.CreateAsync(alice,
            new NewCommunication("security-blog-post", "How we fixed it", true, null, ["mo@example.com"]), CancellationToken.None));

        await using var author = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await author.NewPageAsync();
        var problems = Watch(page);
        await SignInAsync(page, "alice@example.com");
        await page.GotoAsync($"/communications/{post.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Requirements" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Submitted for review.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve revision 1" })).ToHaveCountAsync(0);
        await Audit(page, "review-submitted");

        await using var approver = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var second = await approver.NewPageAsync();
        var secondProblems = Watch(second);
        await SignInAsync(second, "sam@example.com");
        await second.GetByRole(AriaRole.Link, new() { Name = "Waiting on me" }).ClickAsync();
        await second.GetByRole(AriaRole.Link, new() { Name = "How we fixed it" }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Heading, new() { Name = "Decide for security (stage 1)" })).ToBeVisibleAsync();
        await Audit(second, "review-decide");
        await second.GetByLabel("Comment").FillAsync("Accurate.");
        await second.GetByRole(AriaRole.Button, new() { Name = "Approve revision 1" }).ClickAsync();

        await Expect(second.GetByRole(AriaRole.Status)).ToHaveTextAsync("Approved revision 1 for security.");
        await Expect(second.Locator(".standing .stage-list")).ToContainTextAsync("Approved by Sam Shah on revision 1");
        await Expect(second.Locator("section[aria-labelledby=approvals-heading] tbody tr")).ToHaveCountAsync(1);
        await Expect(second.GetByRole(AriaRole.Cell, new() { Name = "Accurate." })).ToBeVisibleAsync();
        await Audit(second, "review-approved");

        problems.AddRange(secondProblems);
        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }

    internal static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Communications", Level = 1 })).ToBeVisibleAsync();
    }

    internal static async Task Audit(IPage page, string name)
    {
        await Screenshot(page, name);
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, $"axe found on {name}:{Environment.NewLine}{string.Join(Environment.NewLine, serious)}");
    }

    /// <summary>Collects everything the browser complains about: console errors (CSP refusals among them), script errors, failed loads.</summary>
    internal static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
        return problems;
    }

    /// <summary>
    /// Every audited page is kept as a screenshot, whole and as its first screen, under <c>screenshots/</c> in the build
    /// output, or in the folder <c>SECCOMMS_SCREENSHOTS</c> names; <c>docs/screenshots/refresh</c> copies the ones the docs show.
    /// </summary>
    private static async Task Screenshot(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } chosen
            ? chosen
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + "-top.png") });
    }

    [GeneratedRegex("/signin\\?ReturnUrl=%2F$")]
    private static partial Regex SignInUrl();
}
