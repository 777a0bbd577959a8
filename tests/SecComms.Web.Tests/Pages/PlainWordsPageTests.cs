using System.Net;
using System.Net.Http.Json;
using SecComms.Testing;
using SecComms.Web.Pages.Incidents;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Incidents;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Pages;

/// <summary>Core names the API's fields in its refusals; the pages say them with the words of their forms, and the API keeps them.</summary>
public sealed class PlainWordsPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_refusal_naming_an_api_field_reads_on_the_page_as_a_sentence_in_the_forms_words(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var author = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var approver = await app.AddUserAsync("sam@example.com", ["security"]);
        var alice = await PageSession.SignInAsync(app, "alice@example.com");
        var id = await DisclosureApi.ApprovedNoticeAsync(author, approver);
        var details = $"/communications/{id}";
        var before = await app.SnapshotAsync();

        var bell = await alice.SubmitAsync(details, new() { ["Audience"] = "", ["NoRecipientsReason"] = "No customer \u0007 uses it" },
            action: details + "?handler=Audience");
        var gatesClosed = await alice.SubmitAsync(details, new() { ["Confirm"] = "true" }, action: details + "?handler=Publish");

        Assert.Equal(HttpStatusCode.OK, bell.StatusCode);
        var refusal = await PageSession.TextAsync(bell);
        Assert.Contains("The reason the email goes to no one must not contain control characters.", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("noRecipientsReason", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, gatesClosed.StatusCode);
        var closed = await PageSession.TextAsync(gatesClosed);
        Assert.Contains("Only an approved policy exception for SC-1 that names these gates lets it through: choose it when publishing.", closed,
            StringComparison.Ordinal);
        Assert.DoesNotContain("exceptionId", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("in the API", closed, StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());

        var api = await author.Client.PutAsJsonAsync($"/api/v1/communications/{id}/audience", new { noRecipientsReason = "No customer \u0007 uses it" });
        var problem = await api.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("noRecipientsReason must not contain control characters.", problem.GetProperty("errors").GetProperty("noRecipientsReason")[0].GetString());
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_timeline_refusal_on_the_incident_page_names_its_times_as_the_page_does(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var now = app.Time.GetUtcNow();
        var id = (await IncidentApi.OpenedAsync(alice.Client, new { title = "Leaked deploy token", kind = "breach", severity = "s2", becameAwareAt = now.AddHours(-5), personalData = false }))
            .GetProperty("id").GetString();
        await (await IncidentApi.StatusAsync(alice.Client, id!, "resolved", now.AddHours(-1))).JsonAsync();
        var location = $"/incidents/{id}";
        var before = await app.SnapshotAsync();

        var refused = await sam.SubmitAsync(location, new() { ["Status"] = "PostIncidentReview", ["At"] = IncidentDisplay.Input(now.AddHours(-2)), ["Confirm"] = "true" },
            action: location + "?handler=Status");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await PageSession.TextAsync(refused));
        Assert.Contains("The time the post-incident review started cannot be before the time it was resolved", page, StringComparison.Ordinal);
        Assert.DoesNotContain("reviewStartedAt", page, StringComparison.Ordinal);
        Assert.DoesNotContain("resolvedAt", page, StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());
    }
}
