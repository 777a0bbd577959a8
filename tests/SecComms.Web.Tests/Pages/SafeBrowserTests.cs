using Microsoft.Playwright;
using SecComms.Core.Communications;
using static Microsoft.Playwright.Assertions;

namespace SecComms.Web.Tests.Pages;

public sealed class SafeBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task An_author_answers_the_safe_questions_and_submits_a_public_communication_for_review()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        var alice = await app.AddUserAsync("alice@example.com", "Alice Archer", ["security"], "correct horse battery staple");
        var release = await app.WithCommunicationsAsync(service =>
            service.CreateAsync(alice, new NewCommunication("security-release", "GitLab 18.4.1", null, null, null), CancellationToken.None));
        await using var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var problems = BrowserTests.Watch(page);
        await BrowserTests.SignInAsync(page, "alice@example.com");

        await page.GotoAsync($"/communications/{release.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "SAFE check" })).ToBeVisibleAsync();
        await BrowserTests.Audit(page, "safe-unanswered");
        foreach (var (question, answer) in new[]
        {
            ("Sensitive: Does it disclose sensitive information?", "No"),
            ("Accurate: Is every statement verified?", "Yes"),
            ("Financial: Could it affect financial results or disclosures?", "No"),
            ("Effect: Could it affect reputation, customers or partners beyond the intended audience?", "Yes"),
        })
        {
            await page.GetByRole(AriaRole.Group, new() { Name = question }).GetByLabel(answer, new() { Exact = true }).CheckAsync();
        }
        await page.GetByLabel("Notes for the approvers").FillAsync("Customers on 18.3 must upgrade twice.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save SAFE answers" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("SAFE answers saved: effect flagged, so corporate-marketing must approve too.");
        await Expect(page.Locator(".safe-answer-effect .badge-flagged")).ToHaveTextAsync("Risk flagged");
        await Expect(page.Locator(".standing .stage-list")).ToContainTextAsync("corporate-marketing");
        await BrowserTests.Audit(page, "safe-answered");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save SAFE answers" })).ToBeHiddenAsync();
        await page.GetByText("Change the answers").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save SAFE answers" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Effect: Could it affect reputation, customers or partners beyond the intended audience?" })
            .GetByLabel("Yes", new() { Exact = true })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Submitted for review.");
        await Expect(page.Locator(".standing .status")).ToHaveTextAsync("In review");
        await BrowserTests.Audit(page, "safe-submitted");
        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }
}
