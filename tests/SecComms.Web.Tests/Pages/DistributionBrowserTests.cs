using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecComms.Core.Communications;
using SecComms.Core.Distribution;
using static Microsoft.Playwright.Assertions;

namespace SecComms.Web.Tests.Pages;

public sealed class DistributionBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_manager_imports_contacts_with_progress_builds_a_segment_and_follows_a_test_send_live()
    {
        var mail = Directory.CreateTempSubdirectory("seccomms-mail-").FullName;
        await using var app = await LiveSecCommsApp.StartAsync(new Dictionary<string, string?>
        {
            // The test sends the queued messages itself, so the page is seen before and after.
            ["Distribution:Enabled"] = "false",
            ["Notifications:Enabled"] = "false",
            ["Mail:PickupDirectory"] = mail,
        });
        var sam = await app.AddUserAsync("sam@example.com", "Sam Shah", ["security"], Password);
        var notice = await app.WithCommunicationsAsync(c => c.CreateAsync(sam, new NewCommunication("customer-security-notice", "Upgrade to 16.4.3", null, null, null),
            CancellationToken.None));
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
        await page.GetByRole(AriaRole.Link, new() { Name = "Audiences", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Import contacts" }).ClickAsync();
        await AuditAsync(page, "import");
        var csv = new StringBuilder("email,name,organization,tier,subscribed\n");
        csv.Append("ann@acme.example,Ann,Acme,enterprise,yes\n");
        csv.Append("not-an-address,Bob,Acme,enterprise,yes\n");
        csv.Append("gil@globex.example,Gil,Globex,enterprise,yes\n");
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "customers.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        await Expect(page.Locator("[data-import-status]")).ToHaveTextAsync("Done.");
        await Expect(page.GetByLabel("Uploading and importing")).ToHaveJSPropertyAsync("value", 100);
        await Expect(page.Locator("[data-count='created']")).ToHaveTextAsync("2");
        var badRows = page.GetByRole(AriaRole.Table, new() { Name = "Rows skipped, to correct and import again" });
        await Expect(badRows.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(badRows.Locator("tbody tr td").First).ToHaveTextAsync("3");
        await Expect(badRows).ToContainTextAsync("'not-an-address' is not an email address");
        await AuditAsync(page, "import report");

        await page.GetByRole(AriaRole.Link, new() { Name = "Segments" }).ClickAsync();
        await page.GetByLabel("Key").FillAsync("enterprise");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Enterprise customers");
        await page.GetByLabel("Tiers").FillAsync("enterprise");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create segment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The segment enterprise was created; it reaches 2 contacts now.");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "The first 2 by address" })).ToContainTextAsync("gil@globex.example");
        await AuditAsync(page, "segment");

        await page.GotoAsync($"/communications/{notice.Id}");
        await page.GetByLabel("Send the email to").SelectOptionAsync(new SelectOptionValue { Value = "segment:enterprise" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save audience" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Email audience saved: segment enterprise (Enterprise customers), 2 recipients now.");
        await AuditAsync(page, "communication with its email audience");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send test to approvers" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test send of SC-1", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-count='queued']")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-count='sent']")).ToHaveTextAsync("0");
        await AuditAsync(page, "dispatch while sending");
        var sent = await app.WithServicesAsync(services => services.GetRequiredService<DispatchSender>().SendDueAsync(CancellationToken.None));

        Assert.Equal(1, sent.Sent);
        await Expect(page.Locator("[data-count='sent']")).ToHaveTextAsync("1", new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-field='state']")).ToContainTextAsync("Complete", new() { Timeout = 15_000 });
        await Expect(page.GetByLabel("Recipients with an outcome")).ToHaveJSPropertyAsync("value", 100);
        await AuditAsync(page, "dispatch complete");
        Assert.Single(Directory.GetFiles(mail, "*.eml"));
        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
        Directory.Delete(mail, recursive: true);
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
