using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;
using SecComms.Web.Pages;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Releases;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Pages;

public sealed class PublishedCommunicationPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_published_communication_offers_no_edit_and_a_save_posted_anyway_is_refused_on_the_form(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var author = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var approver = await app.AddUserAsync("sam@example.com", ["security"]);
        var alice = await PageSession.SignInAsync(app, "alice@example.com");
        var id = await PublishedNoticeAsync(author, approver);
        var details = $"/communications/{id}";
        var edit = $"{details}/edit";

        var view = await author.Client.GetFromJsonAsync<JsonElement>($"/api/v1{details}");
        Assert.Equal(0, view.GetProperty("allowed").GetArrayLength());
        Assert.DoesNotContain($"href=\"{edit}\"", await alice.GetHtmlAsync(details), StringComparison.Ordinal);
        var form = WebUtility.HtmlDecode(await alice.GetHtmlAsync(edit));
        Assert.Contains("SC-1 is published: its text can no longer change.", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Save revision", form, StringComparison.Ordinal);

        var saved = await alice.SubmitAsync(edit, CommunicationPageTests.Content(1, "# Changed after publication", null), action: edit + "?handler=Save");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var refused = await PageSession.TextAsync(saved);
        Assert.Contains("class=\"alert alert-error\"", refused, StringComparison.Ordinal);
        Assert.Contains("A published communication is final and can no longer be edited; SC-1 is published.", refused, StringComparison.Ordinal);
        Assert.Contains("# Changed after publication", refused, StringComparison.Ordinal);
        var after = await author.Client.GetFromJsonAsync<JsonElement>($"/api/v1{details}");
        Assert.Equal(view.GetProperty("revision").GetProperty("number").GetInt32(), after.GetProperty("revision").GetProperty("number").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_communication_shipped_with_its_release_shows_when_and_with_which_release_and_emergency_mode_only_before(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var author = await app.AddUserAsync("alice@example.com", ["appsec"], password: PageSession.Password);
        var approver = await app.AddUserAsync("sam@example.com", ["security"]);
        var alice = await PageSession.SignInAsync(app, "alice@example.com");
        var (release, prepared) = await ReleaseApi.PreparedAsync(author.Client, "critical");
        var blog = prepared.Part("blog-post").Id();
        var details = $"/communications/{blog}";
        var draft = await author.Client.GetFromJsonAsync<JsonElement>($"/api/v1{details}");
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(author.Client, blog)).JsonAsync();
        await (await WorkflowApi.DecideAsync(approver.Client, blog, "approve", draft.Hash())).JsonAsync(HttpStatusCode.Created);
        await (await approver.Client.PutAsJsonAsync($"/api/v1/communications/{blog}/ship-with-release", new { armed = true })).JsonAsync();

        var before = WebUtility.HtmlDecode(await alice.GetHtmlAsync(details));

        Assert.Contains("<span class=\"badge badge-emergency\">Emergency mode</span>", before, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge badge-not-ready\">Not ready to publish</span>", before, StringComparison.Ordinal);

        await DisclosureApi.PublishReleaseAsync(author.Client, release);
        var published = await author.Client.GetFromJsonAsync<JsonElement>($"/api/v1{details}");
        var at = published.GetProperty("publishedAt").GetDateTimeOffset();
        var title = (await ReleaseApi.DetailsAsync(author.Client, release)).GetProperty("release").GetProperty("title").GetString();

        var page = WebUtility.HtmlDecode(await alice.GetHtmlAsync(details));

        Assert.Contains("<span class=\"status status-published\">Published</span>", page, StringComparison.Ordinal);
        Assert.Contains($"on <time datetime=\"{PageSupport.Iso(at)}\">{PageSupport.Utc(at)}</time>, revision 1, shipped with SR-1 ({title}).", page,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Not ready to publish", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Emergency mode", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Still outstanding", page, StringComparison.Ordinal);
    }

    /// <summary>A security release notice approved, its fix shipped in a published release, and published.</summary>
    internal static async Task<string> PublishedNoticeAsync(TestUser author, TestUser approver)
    {
        var id = await DisclosureApi.ApprovedNoticeAsync(author, approver);
        await DisclosureApi.ShipFixAsync(author.Client, id);
        await DisclosureApi.ReapproveAsync(approver, id);
        await (await WorkflowApi.PublishAsync(author.Client, id)).JsonAsync();
        return id;
    }
}
