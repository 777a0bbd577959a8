using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecComms.Core.Communications;
using SecComms.Core.Identity;
using SecComms.Core.Workflow;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SecComms.Web.Tests.Pages;

/// <summary>The communication page in Chromium: the text under review first, where it stands and what the reader may do beside it.</summary>
public sealed class CommunicationBrowserTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery staple";

    private static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };

    /// <summary>
    /// Half the height the page of <see cref="NoticeInReviewAsync"/> had at 1280×800 when every panel came before the text:
    /// 4,312 px for its approver (4,043 px for its author).
    /// </summary>
    private const int HeightBound = 4312 / 2;

    [Fact]
    public async Task The_text_under_review_comes_first_and_beside_it_only_the_approver_is_offered_approval()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        var (alice, _) = await PeopleAsync(app);
        var notice = await NoticeInReviewAsync(app, alice);
        var problems = new List<string>();

        await using var approverContext = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = Laptop });
        var sam = await approverContext.NewPageAsync();
        problems.AddRange(BrowserTests.Watch(sam));
        await BrowserTests.SignInAsync(sam, "sam@example.com");
        await sam.GotoAsync($"/communications/{notice.Id}");

        var title = await BoxAsync(sam.Locator(".page-heading h1"));
        var bodyStart = await BoxAsync(sam.Locator(".review-text .rendered").GetByText("Between 2 and 9 March a password reset link"));
        var approve = sam.GetByRole(AriaRole.Button, new() { Name = "Approve revision 2" });
        var next = await BoxAsync(approve);
        Assert.True(title.Y < next.Y && bodyStart.Y < next.Y, $"The title (at {title.Y} px) and the body (at {bodyStart.Y} px) come after the approval (at {next.Y} px).");
        Assert.True(bodyStart.Y + bodyStart.Height <= Laptop.Height, $"The start of the body ends at {bodyStart.Y + bodyStart.Height} px, below the first screen.");
        Assert.True(next.X > bodyStart.X + bodyStart.Width, "The approval is not beside the text.");
        var standing = sam.GetByRole(AriaRole.Region, new() { Name = "Where it stands" });
        await Expect(standing).ToContainTextAsync("Waiting on security (stage 1) to approve revision 2.");
        await Expect(standing.Locator(".outstanding")).ToContainTextAsync("Approval by security (stage 1) of revision 2.");
        await BrowserTests.Audit(sam, "communication-review");
        var height = await PageHeightAsync(sam);
        output.WriteLine($"The approver's page is {height} px tall.");
        Assert.True(height < HeightBound, $"The approver's page is {height} px tall.");

        await using var authorContext = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = Laptop });
        var author = await authorContext.NewPageAsync();
        problems.AddRange(BrowserTests.Watch(author));
        await BrowserTests.SignInAsync(author, "alice@example.com");
        await author.GotoAsync($"/communications/{notice.Id}");

        await Expect(author.Locator(".review-text .rendered h1")).ToHaveTextAsync("Password reset links could be used twice");
        await Expect(author.GetByRole(AriaRole.Button, new() { Name = "Approve revision 2" })).ToHaveCountAsync(0);
        await Expect(author.GetByRole(AriaRole.Heading, new() { Name = "Your next step" })).ToHaveCountAsync(0);
        await Expect(author.GetByRole(AriaRole.Region, new() { Name = "Where it stands" })).ToContainTextAsync("Waiting on security (stage 1)");
        await BrowserTests.Audit(author, "communication-review-author");
        height = await PageHeightAsync(author);
        output.WriteLine($"The author's page is {height} px tall.");
        Assert.True(height < HeightBound, $"The author's page is {height} px tall.");

        await sam.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await BrowserTests.Audit(sam, "communication-review-phone");
        Assert.True(await sam.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "At 390 px the page scrolls sideways.");
        var phoneTitle = await BoxAsync(sam.Locator(".page-heading h1"));
        var phoneStanding = await BoxAsync(standing);
        var phoneBody = await BoxAsync(sam.Locator(".review-text .rendered"));
        var phoneApprove = await BoxAsync(approve);
        Assert.True(phoneTitle.Y < phoneStanding.Y && phoneStanding.Y < phoneBody.Y && phoneBody.Y < phoneApprove.Y,
            $"On a phone the title ({phoneTitle.Y} px), where it stands ({phoneStanding.Y} px), the text ({phoneBody.Y} px) and the approval ({phoneApprove.Y} px) are out of order.");
        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task The_channel_tabs_show_the_email_and_the_short_text_and_the_changes_since_an_approved_revision_are_one_click_away()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        var (alice, sam) = await PeopleAsync(app);
        var notice = await NoticeInReviewAsync(app, alice);
        await using var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = Laptop });
        var page = await context.NewPageAsync();
        var problems = BrowserTests.Watch(page);
        await BrowserTests.SignInAsync(page, "sam@example.com");
        await page.GotoAsync($"/communications/{notice.Id}");
        var tabs = page.GetByRole(AriaRole.Navigation, new() { Name = "Channels" });
        Assert.Equal(["Web page", "Email", "Short text", "Support FAQ"], await tabs.GetByRole(AriaRole.Link).AllInnerTextsAsync());
        await Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new("^Changes since approved revision") })).ToHaveCountAsync(0);

        await tabs.GetByRole(AriaRole.Link, new() { Name = "Email" }).ClickAsync();
        await Expect(page.Locator(".email-subject")).ToBeVisibleAsync();
        await Expect(page.Locator(".email-subject")).ToContainTextAsync("Security notice: password reset links could be used twice");
        await Expect(page.Locator(".email-body")).ToContainTextAsync("What you should do: nothing");
        await Expect(page.Locator(".review-text .rendered")).ToBeHiddenAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?]view=email$"));
        await tabs.GetByRole(AriaRole.Link, new() { Name = "Short text" }).ClickAsync();
        await Expect(page.Locator(".short-text")).ToHaveTextAsync("Security notice: password reset links could be used twice. Details and recommended actions:");
        await Expect(page.Locator(".email-subject")).ToBeHiddenAsync();
        await tabs.GetByRole(AriaRole.Link, new() { Name = "Support FAQ" }).ClickAsync();
        await Expect(page.Locator(".support-faq")).ToContainTextAsync("A: Only if you reset your password between 2 and 9 March.");
        await BrowserTests.Audit(page, "communication-faq");

        await app.WithServicesAsync(async services =>
        {
            var current = await services.GetRequiredService<CommunicationService>().GetAsync(sam, notice.Id, CancellationToken.None);
            await services.GetRequiredService<WorkflowService>().DecideAsync(sam, notice.Id, new DecisionRequest("security", "approve", current.PackageHash, null),
                CancellationToken.None);
            return await services.GetRequiredService<CommunicationService>().ReviseAsync(alice, notice.Id, 2,
                new ContentInput(null, null, null, null, "Password reset links could be used twice: nothing to do for most customers."), "Shorter", CancellationToken.None);
        });

        await using var noScript = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = Laptop, JavaScriptEnabled = false });
        var plain = await noScript.NewPageAsync();
        await BrowserTests.SignInAsync(plain, "sam@example.com");
        await plain.GotoAsync($"/communications/{notice.Id}");
        await plain.GetByRole(AriaRole.Navigation, new() { Name = "Channels" }).GetByRole(AriaRole.Link, new() { Name = "Short text" }).ClickAsync();
        await Expect(plain).ToHaveURLAsync(new Regex("[?]view=social$"));
        await Expect(plain.Locator(".short-text")).ToHaveTextAsync("Password reset links could be used twice: nothing to do for most customers.");
        await Expect(plain.Locator(".review-text .rendered")).ToBeHiddenAsync();
        await plain.GetByRole(AriaRole.Link, new() { Name = "Changes since approved revision 2" }).ClickAsync();
        await Expect(plain.GetByRole(AriaRole.Heading, new() { Name = "Changes from revision 2 to 3", Level = 1 })).ToBeVisibleAsync();
        await Expect(plain.Locator("#variant-shortText ~ ol .diff-added")).ToHaveTextAsync(new Regex("nothing to do for most customers"));
        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Publishing_from_the_page_waits_for_the_box_that_says_it_cannot_be_undone()
    {
        await using var app = await LiveSecCommsApp.StartAsync();
        var (alice, sam) = await PeopleAsync(app);
        var notice = await NoticeInReviewAsync(app, alice);
        await app.WithServicesAsync(async services =>
        {
            var current = await services.GetRequiredService<CommunicationService>().GetAsync(sam, notice.Id, CancellationToken.None);
            return await services.GetRequiredService<WorkflowService>().DecideAsync(sam, notice.Id, new DecisionRequest("security", "approve", current.PackageHash, null),
                CancellationToken.None);
        });
        await using var phoneContext = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = Phone });
        var phone = await phoneContext.NewPageAsync();
        var problems = BrowserTests.Watch(phone);
        await BrowserTests.SignInAsync(phone, "alice@example.com");
        await phone.GotoAsync($"/communications/{notice.Id}");
        await Expect(phone.GetByLabel("I understand that publishing SC-1 cannot be undone")).ToBeVisibleAsync();
        await BrowserTests.Audit(phone, "communication-publish-phone");

        await using var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = Laptop });
        var page = await context.NewPageAsync();
        problems.AddRange(BrowserTests.Watch(page));
        await BrowserTests.SignInAsync(page, "alice@example.com");
        await page.GotoAsync($"/communications/{notice.Id}");
        var standing = page.GetByRole(AriaRole.Region, new() { Name = "Where it stands" });
        var publish = page.GetByRole(AriaRole.Button, new() { Name = "Publish revision 2" });
        await BrowserTests.Audit(page, "communication-publish");

        await publish.ClickAsync();
        await page.ReloadAsync();
        await Expect(standing.Locator(".status")).ToHaveTextAsync("Approved");

        await page.GetByLabel("I understand that publishing SC-1 cannot be undone").CheckAsync();
        await publish.ClickAsync();
        await Expect(standing.Locator(".status")).ToHaveTextAsync("Published");
        await Expect(publish).ToHaveCountAsync(0);
        Assert.True(problems.Count == 0, "The browser reported: " + string.Join(Environment.NewLine, problems));
    }

    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static Task<int> PageHeightAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not shown.");

    private static async Task<(Actor Alice, Actor Sam)> PeopleAsync(LiveSecCommsApp app) =>
        (await app.AddUserAsync("alice@example.com", "Alice Archer", ["security"], Password),
            await app.AddUserAsync("sam@example.com", "Sam Shah", ["security"], Password));

    /// <summary>A customer security notice as one is usually written, its SAFE questions answered, submitted for review by alice.</summary>
    private static Task<CommunicationView> NoticeInReviewAsync(LiveSecCommsApp app, Actor alice) => app.WithServicesAsync(async services =>
    {
        var communications = services.GetRequiredService<CommunicationService>();
        var workflow = services.GetRequiredService<WorkflowService>();
        var notice = await communications.CreateAsync(alice,
            new NewCommunication("customer-security-notice", "Password reset links could be used twice", null, null, null), CancellationToken.None);
        await communications.ReviseAsync(alice, notice.Id, 1, NoticeText, "First full text", CancellationToken.None);
        await workflow.AnswerSafeAsync(alice, notice.Id, new SafeRequest(false, true, false, false, null), CancellationToken.None);
        return await workflow.SubmitAsync(alice, notice.Id, CancellationToken.None);
    });

    private static readonly ContentInput NoticeText = new(
        "Password reset links could be used twice",
        """
        # Password reset links could be used twice

        ## What happened

        Between 2 and 9 March a password reset link stayed valid after it had been used once, for up to an hour.

        ## Who is affected

        Customers who reset a password in that week. We found no sign that anyone used a link twice.

        ## What we have done

        Every link now expires the moment it is used, and we ended the sessions opened with a reset in that week.

        ## What you should do

        Nothing, unless you reset your password in that week from a shared computer: then reset it again.

        ## Where to get help

        Write to security@example.com.
        """,
        "Security notice: password reset links could be used twice",
        """
        Hello,

        Between 2 and 9 March a password reset link stayed valid after it had been used once.

        What you should do: nothing, unless you reset your password that week from a shared computer.

        The Security team
        """,
        "Security notice: password reset links could be used twice. Details and recommended actions:",
        """
        Q: What happened?
        A: A password reset link stayed valid for an hour after it was used.

        Q: Am I affected?
        A: Only if you reset your password between 2 and 9 March.
        """);
}
