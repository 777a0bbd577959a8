using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecComms.Core.Communications;
using SecComms.Core.Distribution;
using SecComms.Core.Identity;
using SecComms.Core.Releases;
using SecComms.Core.Vulnerabilities;
using SecComms.Core.Workflow;
using SecComms.Testing;
using SecComms.Web.Tests.Distribution;
using SecComms.Web.Tests.Releases;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using VulnerabilityRecords = SecComms.Core.Vulnerabilities.Vulnerabilities;

namespace SecComms.Web.Tests.Pages;

/// <summary>A critical security release walked through the pages, in a real browser, counting what each person does.</summary>
public sealed class ReleaseBrowserTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_critical_release_goes_out_through_the_pages_in_at_most_twenty_actions_by_at_most_three_people()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var settings = DistributionApi.SmtpSettings(smtp.Port);
        settings.Remove("SecComms:BaseUrl");
        // The test sends the dispatch itself once the release is out, so it sees exactly what publishing queued.
        settings["Distribution:Enabled"] = "false";
        settings["Notifications:Enabled"] = "false";
        await using var app = await LiveSecCommsApp.StartAsync(settings);
        var ann = await app.AddUserAsync("ann@example.com", "Ann Archer", ["security"], Password);
        await app.AddUserAsync("ben@example.com", "Ben Baker", ["security"], Password);
        var vulnerability = await app.WithServicesAsync(services => ArrangeAsync(services, ann));
        var actions = new UiActions();
        await using var annBrowser = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = Laptop });
        var annPage = await annBrowser.NewPageAsync();
        var problems = BrowserTests.Watch(annPage);

        var author = actions.Of("ann@example.com", annPage);
        await author.SignInAsync(Password);
        await author.ClickAsync(annPage.GetByRole(AriaRole.Link, new() { Name = "Releases", Exact = true }));
        await author.CheckAsync(annPage.GetByLabel("Critical"));
        await author.FillAsync(annPage.GetByLabel("Product"), "Acme Platform");
        await author.FillAsync(annPage.GetByLabel("Versions"), "18.4.2, 18.3.5, 18.2.9");
        await author.ClickAsync(annPage.GetByRole(AriaRole.Button, new() { Name = "Plan release" }));
        await Expect(annPage.GetByRole(AriaRole.Status)).ToContainTextAsync("SR-1 is planned.");
        await author.CheckAsync(annPage.GetByLabel(new Regex("Remote code execution through project imports")));
        await author.ClickAsync(annPage.GetByRole(AriaRole.Button, new() { Name = "Save the vulnerabilities" }));
        await Expect(annPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("SR-1 fixes 1 vulnerability.");
        foreach (var answer in new[] { "sensitive-no", "accurate-yes", "financial-no", "effect-no" })
        {
            await author.CheckAsync(annPage.Locator($"#prepare-safe-{answer}"));
        }
        await author.SelectAsync(annPage.GetByLabel("Send the customer email to"), "enterprise");
        await author.CheckAsync(annPage.GetByLabel(new Regex("^Submit everything for review")));
        await BrowserTests.Audit(annPage, "release-prepare");
        await author.ClickAsync(annPage.GetByRole(AriaRole.Button, new() { Name = "Prepare SR-1" }));
        await Expect(annPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("SR-1 is prepared: 3 communications were generated, 3 submitted for review.");
        await Expect(annPage.GetByRole(AriaRole.Button, new() { Name = "Approve all 3 that wait on you" })).ToHaveCountAsync(0);
        var package = annPage.Url;

        await using var benBrowser = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = Laptop });
        var benPage = await benBrowser.NewPageAsync();
        problems.AddRange(BrowserTests.Watch(benPage));
        var approver = actions.Of("ben@example.com", benPage);
        await approver.SignInAsync(Password);
        await approver.ClickAsync(benPage.GetByRole(AriaRole.Link, new() { Name = "Releases", Exact = true }));
        await approver.ClickAsync(benPage.GetByRole(AriaRole.Link, new() { Name = "18.4.2, 18.3.5, and 18.2.9" }));
        await approver.ClickAsync(benPage.GetByRole(AriaRole.Link, new() { Name = "Review the package" }));
        await Expect(benPage.GetByRole(AriaRole.Heading, new() { Name = "Email", Exact = true })).ToHaveCountAsync(1);
        await Expect(benPage.GetByRole(AriaRole.Heading, new() { Name = "Web page", Exact = true })).ToHaveCountAsync(2);
        await Expect(benPage.Locator(".package-part")).ToHaveCountAsync(3);
        await Expect(benPage.Locator(".package-part .rendered h1").First).ToBeVisibleAsync();
        var email = benPage.Locator(".package-part").Filter(new() { Has = benPage.GetByRole(AriaRole.Heading, new() { Name = "Customer email", Level = 2 }) });
        await Expect(email.Locator(".email-subject")).ToContainTextAsync("Critical security release: upgrade Acme Platform to");
        await Expect(email.Locator(".package-facts")).ToContainTextAsync("segment enterprise (Enterprise customers): 1 contact now");
        await BrowserTests.Audit(benPage, "release-package");
        await benPage.SetViewportSizeAsync(390, 844);
        await BrowserTests.Audit(benPage, "release-package-phone");
        Assert.True(await benPage.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "At 390 px the package page scrolls sideways.");
        await benPage.SetViewportSizeAsync(Laptop.Width, Laptop.Height);
        await approver.FillAsync(benPage.GetByLabel(new Regex("^Comment")), "Checked against the records.");
        await approver.ClickAsync(benPage.GetByRole(AriaRole.Button, new() { Name = "Approve all 3 that wait on you" }));
        await Expect(benPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("You approved 3 communications for security.");

        await author.ReloadAsync();
        await author.ClickAsync(annPage.GetByRole(AriaRole.Button, new() { Name = "Ship all with SR-1" }));
        await Expect(annPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Armed: 3 communications go out when SR-1 is published.");
        await BrowserTests.Audit(annPage, "release-package-armed");
        await author.ClickAsync(annPage.GetByRole(AriaRole.Link, new() { Name = "Back to SR-1" }));
        await author.CheckAsync(annPage.GetByLabel("I understand that publishing SR-1 and 3 communications now cannot be undone"));
        await BrowserTests.Audit(annPage, "release-publish");
        await author.ClickAsync(annPage.GetByRole(AriaRole.Button, new() { Name = "Publish SR-1" }));
        await Expect(annPage.GetByRole(AriaRole.Status)).ToContainTextAsync("SR-1 is published");
        await Expect(annPage.Locator("table.data tbody tr").Filter(new() { HasText = "Published" })).ToHaveCountAsync(3);
        await BrowserTests.Audit(annPage, "release-published");

        output.WriteLine($"{actions.Count} actions by {actions.People} people: {actions}");
        Assert.True(actions.Count <= 20, $"{actions.Count} actions: {actions}");
        Assert.True(actions.People <= 3, $"{actions.People} people: {actions}");
        Assert.Equal(actions.Count, actions.Navigations);
        var sent = await app.WithServicesAsync(services => services.GetRequiredService<DispatchSender>().SendDueAsync(CancellationToken.None));
        Assert.Equal(1, sent.Sent);
        var letter = Assert.Single(smtp.Received, m => m.To.Contains("ada@acme.example")).Message;
        Assert.StartsWith("Critical security release: upgrade Acme Platform to", letter.Subject, StringComparison.Ordinal);
        var release = await app.WithServicesAsync(services => services.GetRequiredService<SecurityReleases>().DetailsAsync(ann,
            Guid.Parse(new Uri(package).Segments[2].TrimEnd('/')), CancellationToken.None));
        Assert.All(release.Communications, c => Assert.Equal(CommunicationStatus.Published, c.Status));
        await AssertApprovedByNoAuthorAsync(app, ann, release);
        var advisory = release.Communications.Single(c => c.Part == ReleasePart.Advisory).Reference;
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };
        foreach (var export in new[] { "csaf.json", "osv.json" })
        {
            var document = await anonymous.GetAsync($"/advisories/{advisory}/{export}");
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
            Assert.Contains("CVE-2026-10001", await document.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Contains(vulnerability.Reference, release.Vulnerabilities.Select(v => v.Reference));
        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }

    private static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };

    /// <summary>What is there before the release is planned, set up directly and not counted: a contact in a segment, and a fixed vulnerability.</summary>
    private static async Task<VulnerabilityView> ArrangeAsync(IServiceProvider services, Actor ann)
    {
        await services.GetRequiredService<ContactImport>().ImportAsync(ann,
            new StringReader(DistributionApi.Header + "\nada@acme.example,Ada,Acme,,enterprise,,,,yes\n"), CancellationToken.None);
        await services.GetRequiredService<Segments>().CreateAsync(ann, new SegmentInput("enterprise", "Enterprise customers", Tiers: ["enterprise"]),
            CancellationToken.None);
        var records = services.GetRequiredService<VulnerabilityRecords>();
        var rce = await records.CreateAsync(ann, new VulnerabilityInput("Remote code execution through project imports",
            "An attacker who can import a project could run commands on the server.", "Acme Platform", "CWE-94", "CVE-2026-10001", ReleaseApi.Critical31,
            ReleaseApi.Critical40, [new RangeInput("16.0", "18.2.9"), new RangeInput("18.3.0", "18.3.5"), new RangeInput("18.4.0", "18.4.2")],
            [new CreditInput("yvvdwf", CreditKind.HackerOne)], VulnerabilitySource.HackerOne), CancellationToken.None);
        return await records.SetStatusAsync(ann, rce.Id, new VulnerabilityStatusRequest(VulnerabilityStatus.Fixed), CancellationToken.None);
    }

    private static async Task AssertApprovedByNoAuthorAsync(LiveSecCommsApp app, Actor reader, SecurityReleaseDetails release)
    {
        foreach (var c in release.Communications)
        {
            var (authors, approvers) = await app.WithServicesAsync(async services =>
            {
                var revisions = await services.GetRequiredService<CommunicationService>().RevisionsAsync(reader, c.Id, CancellationToken.None);
                var approvals = await services.GetRequiredService<WorkflowService>().ApprovalsAsync(reader, c.Id, CancellationToken.None);
                return (revisions.Select(r => r.Author.Email).ToHashSet(), approvals.Where(a => a.Decision == ApprovalDecision.Approved).Select(a => a.Approver.Email).ToList());
            });
            Assert.NotEmpty(approvers);
            Assert.All(approvers, a => Assert.DoesNotContain(a, authors));
        }
    }
}
