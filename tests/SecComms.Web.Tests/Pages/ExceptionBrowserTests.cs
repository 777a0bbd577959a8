using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecComms.Core.Communications;
using SecComms.Core.Exceptions;
using static Microsoft.Playwright.Assertions;

namespace SecComms.Web.Tests.Pages;

public sealed class ExceptionBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task An_approver_finds_the_request_in_the_register_and_approves_it_on_accessible_pages()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        var lee = await app.AddUserAsync("lee@example.com", "Lee Lawson", ["legal"], Password);
        await app.AddUserAsync("sam@example.com", "Sam Shah", ["security"], Password);
        var release = await app.WithCommunicationsAsync(service =>
            service.CreateAsync(lee, new NewCommunication("security-release", "Runner 18.4.1", null, null, null), CancellationToken.None));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExceptionRegister>().RequestAsync(lee,
                new ExceptionRequest("Ship the advisory before the fix", release.Id, ["fix-released"], "Exploited in the wild.", "Waiting eight days.",
                    "Mitigation only.", "high", 14), CancellationToken.None);
        }
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
        await page.GetByRole(AriaRole.Link, new() { Name = "Exceptions", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Policy exceptions", Level = 1 })).ToBeVisibleAsync();
        await AuditAsync(page, "exceptions list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ship the advisory before the fix" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Decide on EX-1" })).ToBeVisibleAsync();
        await AuditAsync(page, "exception details");
        await page.GetByLabel("Comment").FillAsync("Until the release ships.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve EX-1" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Approved: EX-1 is in force until");
        await Expect(page.Locator(".facts .status-approved")).ToHaveTextAsync("Approved");
        await AuditAsync(page, "exception approved");
        await page.GotoAsync($"/exceptions/new?communication={release.Id}&gates=fix-released");
        await Expect(page.GetByLabel("Fix released")).ToBeCheckedAsync();
        await AuditAsync(page, "new exception");
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
