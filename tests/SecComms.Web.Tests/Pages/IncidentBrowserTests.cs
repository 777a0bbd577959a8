using System.Globalization;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SecComms.Web.Tests.Pages;

public sealed class IncidentBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_security_engineer_opens_an_incident_and_sees_its_clocks_on_accessible_pages()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        await app.AddUserAsync("sam@example.com", "Sam Shah", ["security"], Password);
        await using var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };

        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync("sam@example.com");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Incidents", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Incidents", Level = 1 })).ToBeVisibleAsync();
        await AuditAsync(page, "incident list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open an incident" }).ClickAsync();
        await AuditAsync(page, "new incident");
        await page.GetByLabel("Title").FillAsync("Leaked deploy token");
        await page.GetByLabel("Kind").SelectOptionAsync("Breach");
        await page.GetByLabel("Severity").SelectOptionAsync("S1");
        await page.GetByLabel("Personal data involved").SelectOptionAsync("true");
        await page.GetByLabel("Became aware at (UTC)").FillAsync(DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Open incident" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("INC-1 was opened.");
        var clocks = page.GetByRole(AriaRole.Table, new() { Name = "Notification clocks, with time remaining and state" });
        await Expect(clocks.GetByRole(AriaRole.Rowheader, new() { Name = "Approved external message out (S1)" })).ToBeVisibleAsync();
        await Expect(clocks.Locator("tr.clock-running[data-clock='gdpr-art-33']")).ToContainTextAsync("Running");
        await Expect(page.Locator("li.engagement-overdue[data-party='vp-security']")).ToBeVisibleAsync();
        await AuditAsync(page, "incident details");
        await page.GetByRole(AriaRole.Link, new() { Name = "Communications", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Open clocks of every incident, the soonest due first" })).ToContainTextAsync("INC-1");
        await AuditAsync(page, "dashboard with running clocks");
        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }

    private static async Task AuditAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, $"axe found on {name}:{Environment.NewLine}{string.Join(Environment.NewLine, serious)}");
    }
}
