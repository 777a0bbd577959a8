using System.Net;
using System.Net.Http.Json;
using System.Text;
using SecComms.Testing;

namespace SecComms.Web.Tests.Communications;

/// <summary>Malformed or hostile requests get a 4xx ProblemDetails that says what is wrong, and change nothing.</summary>
public sealed class BadInputTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Bad_creations_are_refused_with_a_reason_and_write_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var eventsBefore = await CommunicationApiTests.CountAuditEventsAsync(app);

        var unknownCategory = await (await alice.Client.PostJsonAsync("/api/v1/communications", new { category = "press-release", title = "x" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("press-release", unknownCategory.Detail(), StringComparison.Ordinal);
        Assert.True(unknownCategory.GetProperty("errors").TryGetProperty("category", out _));

        var emptyTitle = await (await alice.Client.PostJsonAsync("/api/v1/communications", new { category = "security-release", title = "  " }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(emptyTitle.GetProperty("errors").TryGetProperty("title", out _));

        var longField = await (await alice.Client.PostJsonAsync("/api/v1/communications",
                new { category = "security-release", title = "x", content = new { shortText = new string('a', 501) } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("shortText must be at most 500", longField.Detail(), StringComparison.Ordinal);

        var unknownField = await (await alice.Client.PostJsonAsync("/api/v1/communications", new { category = "security-release", title = "x", titel = "y" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("titel", unknownField.Detail(), StringComparison.Ordinal);

        var invalidJson = await (await alice.Client.PostAsync("/api/v1/communications", new StringContent("{\"title\": ", Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", invalidJson.Detail(), StringComparison.Ordinal);
        var wrongType = await (await alice.Client.PostAsync("/api/v1/communications",
                new StringContent("{\"category\": \"security-release\", \"title\": \"x\", \"participants\": {\"a\": 1}}", Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("The body is not valid JSON for this request at $.participants", wrongType.Detail(), StringComparison.Ordinal);
        Assert.Contains("a value is not one the API takes for that field", wrongType.Detail(), StringComparison.Ordinal);
        Assert.All(new[] { invalidJson, wrongType, unknownField }, p => Assert.DoesNotContain("System.", p.Detail(), StringComparison.Ordinal));
        Assert.All(new[] { invalidJson, wrongType, unknownField }, p => Assert.DoesNotContain("SecComms.", p.Detail(), StringComparison.Ordinal));

        await (await alice.Client.PostAsync("/api/v1/communications", new StringContent("title=x", Encoding.UTF8, "text/plain")))
            .AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var unknownParticipant = await (await alice.Client.PostJsonAsync("/api/v1/communications",
                new { category = "security-release", title = "x", participants = new[] { "nobody@example.com" } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("nobody@example.com", unknownParticipant.Detail(), StringComparison.Ordinal);

        var controlCharacters = await (await alice.Client.PostJsonAsync("/api/v1/communications",
                new { category = "security-release", title = "Null\u0000byte", content = new { body = "ok\n\tindented", emailSubject = "esc\u001b[31m" } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var flagged = controlCharacters.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("title", flagged);
        Assert.Contains("emailSubject", flagged);
        Assert.DoesNotContain("body", flagged);

        var nullParticipant = await alice.Client.PostAsync("/api/v1/communications",
            new StringContent("""{"category":"security-release","title":"x","participants":[null]}""", Encoding.UTF8, "application/json"));
        Assert.Contains("participants", (await nullParticipant.AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);

        var huge = await (await alice.Client.PostJsonAsync("/api/v1/communications",
                new { category = "security-release", title = "x", content = new { body = new string('a', 1_100_000) } }))
            .AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1 MiB", huge.Detail(), StringComparison.Ordinal);
        var declared = new ByteArrayContent(new byte[1_100_000]);
        declared.Headers.ContentType = new("application/json");
        await (await alice.Client.PostAsync("/api/v1/communications", declared)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Empty(CommunicationApiTests.Titles(await (await alice.Client.GetAsync("/api/v1/communications")).JsonAsync()));
        Assert.Equal(eventsBefore, await CommunicationApiTests.CountAuditEventsAsync(app));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Bad_edits_are_refused_and_leave_no_partial_revision(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var bob = await app.AddUserAsync("bob@example.com", ["security"]);
        var id = (await CommunicationsApi.CreateAsync(alice.Client, "Release")).Id();
        await (await CommunicationsApi.ReviseAsync(bob.Client, id, 1, new { body = "Bob's text" })).JsonAsync();
        var eventsBefore = await CommunicationApiTests.CountAuditEventsAsync(app);

        var stale = await (await CommunicationsApi.ReviseAsync(alice.Client, id, 1, new { body = "Alice's text" }))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Contains("revision 2", stale.Detail(), StringComparison.Ordinal);

        var noIfMatch = await alice.Client.PostAsJsonAsync($"/api/v1/communications/{id}/content", new { body = "Alice's text" });
        Assert.Contains("If-Match", (await noIfMatch.AssertProblemAsync(HttpStatusCode.PreconditionRequired)).Detail(), StringComparison.Ordinal);

        var malformed = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/communications/{id}/content") { Content = JsonContent.Create(new { body = "x" }) };
        malformed.Headers.TryAddWithoutValidation("If-Match", "yesterday's");
        Assert.Contains("rev-", (await (await alice.Client.SendAsync(malformed)).AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);

        var tooLong = await (await CommunicationsApi.ReviseAsync(alice.Client, id, 2, new { title = new string('t', 201), body = "ok" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("title", out _));

        await (await CommunicationsApi.ReviseAsync(alice.Client, Guid.NewGuid().ToString(), 1, new { body = "x" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await alice.Client.GetAsync($"/api/v1/communications/{id}/revisions/9")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await alice.Client.GetAsync($"/api/v1/communications/{id}/revisions/9/diff")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await alice.Client.GetAsync("/api/v1/communications/not-a-guid")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await alice.Client.GetAsync("/api/v1/no-such-thing")).AssertProblemAsync(HttpStatusCode.NotFound);

        var current = await (await alice.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        Assert.Equal(2, current.GetProperty("revision").GetProperty("number").GetInt32());
        Assert.Equal("Bob's text", current.Content().GetProperty("body").GetString());
        Assert.Equal(eventsBefore, await CommunicationApiTests.CountAuditEventsAsync(app));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Bad_list_queries_say_which_parameter_is_wrong(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);

        Assert.Contains("status", (await (await alice.Client.GetAsync("/api/v1/communications?status=shipped"))
            .AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("limit", (await (await alice.Client.GetAsync("/api/v1/communications?limit=1000"))
            .AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);
        await (await alice.Client.GetAsync("/api/v1/communications?q=a%00b")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("cursor", (await (await alice.Client.GetAsync("/api/v1/communications?cursor=abc"))
            .AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);
        await (await alice.Client.GetAsync("/api/v1/communications?limit=ten")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
