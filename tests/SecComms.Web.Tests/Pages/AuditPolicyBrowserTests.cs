using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecComms.Core.Communications;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using static Microsoft.Playwright.Assertions;

namespace SecComms.Web.Tests.Pages;

public sealed class AuditPolicyBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery staple";

    private static readonly ViewportSize Laptop = new() { Width = 1280, Height = 900 };

    [Fact]
    public async Task The_security_team_filters_the_trail_opens_an_event_and_sees_where_a_tampered_chain_breaks()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        var alice = await app.AddUserAsync("alice@example.com", "Alice Archer", ["security"], Password);
        foreach (var title in new[] { "First post", "Second post", "Third post" })
        {
            await app.WithCommunicationsAsync(service => service.CreateAsync(alice, new NewCommunication("security-blog-post", title, null, null, null), CancellationToken.None));
        }
        await using var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = Laptop });
        var page = await context.NewPageAsync();
        var problems = BrowserTests.Watch(page);
        await BrowserTests.SignInAsync(page, "alice@example.com");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit trail", Level = 1 })).ToBeVisibleAsync();
        await BrowserTests.Audit(page, "audit-list");
        await page.GetByLabel("Action").FillAsync("communication.created");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var rows = page.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Locator("td:nth-child(4)")).ToHaveTextAsync(["communication.created", "communication.created", "communication.created"]);
        var newest = await rows.First.GetAttributeAsync("data-seq") ?? throw new InvalidOperationException("A row has no sequence number.");

        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Audit event {newest}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("pre.event-data")).ToContainTextAsync("\"title\": \"Third post\"");
        await BrowserTests.Audit(page, "audit-event");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the audit trail" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Check the chain" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(new Regex(@"The chain is intact\s+Verified up to event (\d+) of \1, hash [0-9a-f]{64}\."));
        await BrowserTests.Audit(page, "audit-chain");

        await app.ExecuteSqlAsync("""UPDATE audit_events SET "Entity" = 'communication:forged' WHERE "Seq" = 2""");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The chain breaks at event 2");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Event 2 was altered: its content does not match its hash.");
        await BrowserTests.Audit(page, "audit-chain-broken");

        await page.SetViewportSizeAsync(390, 844);
        foreach (var (name, url) in new[] { ("audit-list-phone", "/audit"), ("audit-event-phone", $"/audit/{newest}"), ("audit-chain-phone", "/audit/chain") })
        {
            await page.GotoAsync(url);
            await BrowserTests.Audit(page, name);
            await AssertFitsAsync(page, url);
        }
        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task An_administrator_reads_the_policy_sees_each_problem_at_its_line_and_puts_the_fixed_edit_in_force()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        await app.AddUserAsync("ada@example.com", "Ada Admin", ["security"], Password, UserRole.Admin);
        var yaml = app.Services.GetRequiredService<PolicyStore>().Yaml;
        var lines = yaml.Split('\n');
        var owner = Array.IndexOf(lines, "    owner: corporate-marketing") + 1;
        var channels = Array.IndexOf(lines, "    channels: [web, social]") + 1;
        var broken = (string[])lines.Clone();
        broken[owner - 1] = "    owner: marketing";
        broken[channels - 1] = "    channels: [web, fax]";
        await using var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = Laptop });
        var page = await context.NewPageAsync();
        var problems = BrowserTests.Watch(page);
        await BrowserTests.SignInAsync(page, "ada@example.com");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Policy" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Default external security communications policy", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-category=security-blog-post] .policy-stages li")).ToHaveTextAsync(["Security : the security content is accurate and may be disclosed", "Corporate Marketing : final editorial review"]);
        await BrowserTests.Audit(page, "policy");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit the policy" }).ClickAsync();
        await Expect(page.GetByLabel("Policy YAML")).ToHaveValueAsync(yaml);
        await page.GetByLabel("Policy YAML").FillAsync(string.Join('\n', broken));
        await page.GetByRole(AriaRole.Button, new() { Name = "Put this policy in force" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was changed: the policy has 2 problems");
        await Expect(page.Locator($"#line-{owner} .line-problem")).ToContainTextAsync("'marketing' is not one of the teams");
        await Expect(page.Locator($"#line-{owner} .line-text")).ToHaveTextAsync("    owner: marketing");
        await Expect(page.Locator($"#line-{channels} .line-problem")).ToContainTextAsync("fax");
        await Expect(page.Locator(".policy-line-problem")).ToHaveCountAsync(2);
        await Expect(page.GetByLabel("Policy YAML")).ToHaveValueAsync(string.Join('\n', broken));
        await BrowserTests.Audit(page, "policy-edit-problems");

        var fixedYaml = yaml.Replace("        purpose: final editorial review", "        purpose: brand and tone review", StringComparison.Ordinal);
        await page.GetByLabel("Policy YAML").FillAsync(fixedYaml);
        await page.GetByRole(AriaRole.Button, new() { Name = "Put this policy in force" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Changes from policy version 1 to 2", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Version 2 is the policy in force.");
        await Expect(page.Locator("li.diff-added")).ToHaveTextAsync([$"{Array.IndexOf(lines, "        purpose: final editorial review") + 1}+Added:         purpose: brand and tone review"]);
        await BrowserTests.Audit(page, "policy-diff");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the versions" }).ClickAsync();
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("tr[data-version='2']")).ToContainTextAsync("In force");
        await BrowserTests.Audit(page, "policy-versions");

        await page.SetViewportSizeAsync(390, 844);
        foreach (var (name, url) in new[] { ("policy-phone", "/policy"), ("policy-versions-phone", "/policy/versions"), ("policy-diff-phone", "/policy/diff?from=1&to=2"),
            ("policy-edit-phone", "/policy/edit") })
        {
            await page.GotoAsync(url);
            await BrowserTests.Audit(page, name);
            await AssertFitsAsync(page, url);
        }
        Assert.Equal(fixedYaml, app.Services.GetRequiredService<PolicyStore>().Yaml);
        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }

    /// <summary>At 390 px the page does not scroll sideways; if it does, the message names what sticks out.</summary>
    private static async Task AssertFitsAsync(IPage page, string url)
    {
        if (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > 390"))
        {
            var wide = await page.EvaluateAsync<string>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 390)" +
                ".map(e => e.tagName + '.' + e.className).slice(0, 10).join(', ')");
            Assert.Fail($"At 390 px {url} scrolls sideways: {wide}");
        }
    }
}
