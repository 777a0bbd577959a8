using System.Net;
using System.Text.RegularExpressions;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Pages;

/// <summary>The SAFE panel on a communication's page: the four questions, who answered them, and what they add.</summary>
public sealed class SafePageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_author_answers_the_safe_questions_on_the_page_and_can_then_submit_for_review(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var author = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var id = (await CommunicationsApi.CreateAsync(author.Client, "GitLab 18.4.1")).Id();
        var alice = await PageSession.SignInAsync(app, "alice@example.com");
        var details = $"/communications/{id}";

        var unanswered = WebUtility.HtmlDecode(await alice.GetHtmlAsync(details));
        Assert.Contains("<h2 id=\"safe-heading\">SAFE check</h2>", unanswered, StringComparison.Ordinal);
        Assert.Contains("Not answered yet.", unanswered, StringComparison.Ordinal);
        Assert.Contains("<legend>Sensitive: Does it disclose sensitive information?</legend>", unanswered, StringComparison.Ordinal);
        Assert.Contains("<legend>Accurate: Is every statement verified?</legend>", unanswered, StringComparison.Ordinal);
        Assert.Contains("<legend>Financial: Could it affect financial results or disclosures?</legend>", unanswered, StringComparison.Ordinal);
        Assert.Contains("<legend>Effect: Could it affect reputation, customers or partners beyond the intended audience?</legend>", unanswered, StringComparison.Ordinal);
        var early = await alice.SubmitAsync(details, [], action: details + "?handler=Submit");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("SC-1 has no SAFE answers.", await PageSession.TextAsync(early), StringComparison.Ordinal);

        var answered = await alice.SubmitAsync(details, new()
        {
            ["Sensitive"] = "true",
            ["Accurate"] = "true",
            ["Financial"] = "false",
            ["Effect"] = "false",
            ["Notes"] = "Names the affected versions only.",
        }, action: details + "?handler=Safe");

        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var html = WebUtility.HtmlDecode(await alice.GetHtmlAsync(details));
        Assert.Contains("SAFE answers saved: sensitive flagged, so legal must approve too.", html, StringComparison.Ordinal);
        Assert.Contains("Answered by <span title=\"alice@example.com\">alice</span> for revision 1", html, StringComparison.Ordinal);
        Assert.Matches("<dd class=\"safe-answer-sensitive\">\\s*Yes\\s*<span class=\"badge badge-flagged\">Risk flagged</span>", html);
        Assert.Single(Regex.Matches(html, "Risk flagged"));
        Assert.Contains("Names the affected versions only.", html, StringComparison.Ordinal);
        Assert.Contains("These add approval by <strong>legal</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<td>legal</td>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"safe-sensitive-yes\" name=\"Sensitive\" value=\"true\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"safe-accurate-yes\" name=\"Accurate\" value=\"true\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"safe-effect-no\" name=\"Effect\" value=\"false\" checked=\"checked\"", html, StringComparison.Ordinal);

        var submitted = await alice.SubmitAsync(details, [], action: details + "?handler=Submit");

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("in-review", await WorkflowApi.StatusAsync(author.Client, id));
        var cleared = await alice.SubmitAsync(details, new() { ["Sensitive"] = "false", ["Accurate"] = "true", ["Financial"] = "false", ["Effect"] = "false" },
            action: details + "?handler=Safe");
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Contains("SAFE answers saved: no risk flagged.", WebUtility.HtmlDecode(await alice.GetHtmlAsync(details)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_missing_or_malformed_answer_is_shown_beside_its_question_and_changes_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var author = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var id = (await CommunicationsApi.CreateAsync(author.Client, "GitLab 18.4.1")).Id();
        var alice = await PageSession.SignInAsync(app, "alice@example.com");
        var details = $"/communications/{id}";
        var before = await app.SnapshotAsync();

        var partial = await alice.SubmitAsync(details, new() { ["Sensitive"] = "false", ["Financial"] = "maybe", ["Notes"] = "Bell \u0007" },
            action: details + "?handler=Safe");

        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        var html = await PageSession.TextAsync(partial);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"field-error\">The answer to Accurate is required: is every statement verified? (yes or no)</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"field-error\">The answer to Effect is required: could it affect reputation, customers or partners beyond the intended audience? (yes or no)</span>",
            html, StringComparison.Ordinal);
        Assert.Contains("The answer to Financial is required", html, StringComparison.Ordinal);
        Assert.Contains("The notes for the approvers must not contain control characters", html, StringComparison.Ordinal);
        Assert.Contains("id=\"safe-sensitive-no\" name=\"Sensitive\" value=\"false\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Only_an_author_or_the_owner_team_gets_the_form_and_a_confidential_communication_needs_none(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var author = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var release = (await CommunicationsApi.CreateAsync(author.Client, "GitLab 18.4.1")).Id();
        var confidential = (await CommunicationsApi.CreateAsync(author.Client, "Quiet fix", confidential: true)).Id();
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var bob = await PageSession.AddAndSignInAsync(app, "bob@example.com", ["support"]);
        await app.AddUserAsync("vic@example.com", ["security"], UserRole.Viewer, PageSession.Password);
        var vic = await PageSession.SignInAsync(app, "vic@example.com");
        var alice = await PageSession.SignInAsync(app, "alice@example.com");
        var details = $"/communications/{release}";

        Assert.Contains("?handler=Safe", await sam.GetHtmlAsync(details), StringComparison.Ordinal);
        var forBob = WebUtility.HtmlDecode(await bob.GetHtmlAsync(details));
        Assert.Contains("Not answered yet.", forBob, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Safe", forBob, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Safe", await vic.GetHtmlAsync(details), StringComparison.Ordinal);
        var before = await app.SnapshotAsync();

        var refused = await bob.SubmitAsync(details, new() { ["Sensitive"] = "false", ["Accurate"] = "true", ["Financial"] = "false", ["Effect"] = "false" },
            action: details + "?handler=Safe");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Only an author of SC-1 or a member of its owner team (security) may answer its SAFE questions.", await PageSession.TextAsync(refused),
            StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());

        var quiet = WebUtility.HtmlDecode(await alice.GetHtmlAsync($"/communications/{confidential}"));
        Assert.Contains("Not required: a confidential communication is never published to the public.", quiet, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Safe", quiet, StringComparison.Ordinal);
        var notNeeded = await alice.SubmitAsync($"/communications/{confidential}",
            new() { ["Sensitive"] = "false", ["Accurate"] = "true", ["Financial"] = "false", ["Effect"] = "false" },
            action: $"/communications/{confidential}?handler=Safe");
        Assert.Contains("Confidential communications need no SAFE check; SC-2 is confidential.", await PageSession.TextAsync(notNeeded), StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task After_publication_the_answers_are_shown_without_a_form(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var author = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var approver = await app.AddUserAsync("sam@example.com", ["security"]);
        var release = await CommunicationsApi.CreateAsync(author.Client, "GitLab 18.4.1");
        var id = release.Id();
        await DisclosureApi.ShipFixAsync(author.Client, id);
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(author.Client, id)).JsonAsync();
        var linked = await (await approver.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        await (await WorkflowApi.DecideAsync(approver.Client, id, "approve", linked.Hash())).JsonAsync(HttpStatusCode.Created);
        await (await WorkflowApi.PublishAsync(author.Client, id)).JsonAsync();
        var alice = await PageSession.SignInAsync(app, "alice@example.com");

        var html = WebUtility.HtmlDecode(await alice.GetHtmlAsync($"/communications/{id}"));

        Assert.Contains("Answered by <span title=\"alice@example.com\">alice</span> for revision 1", html, StringComparison.Ordinal);
        Assert.Contains("No risk flagged: no approval is added.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Safe", html, StringComparison.Ordinal);
    }
}
