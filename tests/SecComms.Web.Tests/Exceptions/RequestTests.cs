using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Exceptions;

public sealed class RequestTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_request_records_the_case_and_tells_the_approvers_but_not_the_requester(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        await app.AddUserAsync("lee@example.com", ["legal"]);
        await app.AddUserAsync("vic@example.com", ["security"], UserRole.Viewer);
        var release = await CommunicationsApi.CreateAsync(alice.Client, "Critical fix for the runner token leak", "critical-security-release");

        var created = await ExceptionsApi.CreateAsync(alice.Client, ExceptionsApi.Request(release.Id(), ["fix-released", "fix-released"]));

        Assert.Equal("EX-1", created.GetProperty("reference").GetString());
        Assert.Equal("requested", created.Status());
        Assert.False(created.GetProperty("inForce").GetBoolean());
        Assert.Equal(["fix-released"], created.GetProperty("gates").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("SC-1", created.GetProperty("communication").GetProperty("reference").GetString());
        Assert.Equal("high", created.GetProperty("risk").GetString());
        Assert.Equal(30, created.GetProperty("periodDays").GetInt32());
        Assert.Equal("alice@example.com", created.GetProperty("requestedBy").GetProperty("email").GetString());
        Assert.Equal(app.Time.GetUtcNow(), created.GetProperty("requestedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("expiresAt").ValueKind);
        Assert.False(created.GetProperty("actions").GetProperty("decide").GetBoolean());
        Assert.True((await ExceptionsApi.GetAsync(sam.Client, created.Id())).GetProperty("actions").GetProperty("decide").GetBoolean());

        var told = Assert.Single(await app.NotificationsAsync("exception-requested:"));
        Assert.Equal("sam@example.com", told.Recipient);
        Assert.Equal($"exception-requested:{created.Id()}:{sam.Id}", told.Key);
        Assert.Equal("EX-1 waits for your decision: Disclosure only after the fix is released", told.Subject);
        Assert.Contains("Communication: SC-1", told.Body, StringComparison.Ordinal);
        Assert.Contains("Gates: fix-released", told.Body, StringComparison.Ordinal);
        Assert.Contains($"/exceptions/{created.Id()}", told.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("runner token leak", told.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("exploited in the wild", told.Body, StringComparison.Ordinal);

        var requested = Assert.Single(await ExceptionsApi.AuditAsync(alice.Client, created.Id(), "exception.requested")).Data();
        Assert.Equal("EX-1", requested.GetProperty("reference").GetString());
        Assert.Equal("SC-1", requested.GetProperty("details").GetProperty("communicationReference").GetString());
        Assert.Equal("high", requested.GetProperty("details").GetProperty("risk").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Each_bad_field_is_refused_by_name_and_nothing_is_stored(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var release = (await CommunicationsApi.CreateAsync(alice.Client, "Release")).Id();
        var before = await app.ExceptionSnapshotAsync();
        var cases = new (string Field, object? Value, string Expected)[]
        {
            ("rule", null, "rule is required"),
            ("rule", "   ", "rule is required"),
            ("rule", new string('r', 201), "rule must be at most 200"),
            ("rule", "tab\u0000null", "rule must not contain control characters"),
            ("justification", null, "justification is required"),
            ("justification", new string('j', 4001), "justification must be at most 4,000"),
            ("alternativesConsidered", "", "alternativesConsidered is required"),
            ("compensatingControls", null, "compensatingControls is required"),
            ("compensatingControls", "esc\u001b[31m", "compensatingControls must not contain control characters"),
            ("risk", null, "risk must be one of: low, medium, high, critical"),
            ("risk", "extreme", "risk must be one of: low, medium, high, critical"),
            ("periodDays", null, "periodDays is required"),
            ("periodDays", 0, "periodDays must be at least 1"),
            ("periodDays", 91, "periodDays may be at most 90: the policy grants an exception for 90 days at most (asked: 91)"),
            ("gates", new[] { "fix-released" }, "gates are those of one communication: give its communicationId too"),
        };

        foreach (var (field, value, expected) in cases)
        {
            var body = ExceptionsApi.Request();
            body[field] = value;
            var problem = await (await alice.Client.PostAsJsonAsync("/api/v1/exceptions", body)).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}={value}: {problem}");
            Assert.Contains(expected, problem.Detail(), StringComparison.Ordinal);
        }
        var unknownGate = ExceptionsApi.Request(release, ["published"]);
        Assert.Contains("gates must be among: fix-released, incident-contained, embargo-passed",
            (await (await alice.Client.PostAsJsonAsync("/api/v1/exceptions", unknownGate)).AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(),
            StringComparison.Ordinal);
        var misspelt = ExceptionsApi.Request();
        misspelt["justfication"] = "typo";
        Assert.Contains("justfication", (await (await alice.Client.PostAsJsonAsync("/api/v1/exceptions", misspelt)).AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(),
            StringComparison.Ordinal);
        var everything = await (await alice.Client.PostAsJsonAsync("/api/v1/exceptions", new { })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["alternativesConsidered", "compensatingControls", "justification", "periodDays", "risk", "rule"],
            everything.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var nowhere = await (await alice.Client.PostAsJsonAsync("/api/v1/exceptions", ExceptionsApi.Request(Guid.NewGuid().ToString(), ["fix-released"])))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("There is no communication", nowhere.Detail(), StringComparison.Ordinal);

        Assert.Equal(before, await app.ExceptionSnapshotAsync());
        Assert.Empty(await ExceptionsApi.ReferencesAsync(alice.Client));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_longest_period_follows_the_policy_in_force(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var admin = await app.AddUserAsync("root@example.com", [], UserRole.Admin);
        var ninety = await ExceptionsApi.CreateAsync(alice.Client, ExceptionsApi.Request(periodDays: 90));

        var yaml = Core.Policy.PolicyLoader.DefaultYaml().Replace("max-period-days: 90", "max-period-days: 30", StringComparison.Ordinal);
        (await admin.Client.PutAsync("/api/v1/policy", new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml"))).EnsureSuccessStatusCode();

        var refused = await (await alice.Client.PostAsJsonAsync("/api/v1/exceptions", ExceptionsApi.Request(periodDays: 31))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("periodDays may be at most 30", refused.Detail(), StringComparison.Ordinal);
        var tooLong = await (await ExceptionsApi.ApproveAsync(sam.Client, ninety.Id())).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("EX-1 asks for 90 days, but the policy in force grants an exception for 30 days at most", tooLong.Detail(), StringComparison.Ordinal);
        Assert.Equal("requested", (await ExceptionsApi.GetAsync(alice.Client, ninety.Id())).Status());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_viewer_reads_exceptions_but_cannot_request_one(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var viewer = await app.AddUserAsync("vic@example.com", ["security"], UserRole.Viewer);
        var entry = await ExceptionsApi.CreateAsync(alice.Client);
        var before = await app.ExceptionSnapshotAsync();

        var refused = await (await viewer.Client.PostAsJsonAsync("/api/v1/exceptions", ExceptionsApi.Request())).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("Viewers can read policy exceptions", refused.Detail(), StringComparison.Ordinal);
        var seen = await ExceptionsApi.GetAsync(viewer.Client, entry.Id());
        Assert.False(seen.GetProperty("actions").GetProperty("decide").GetBoolean());
        await (await ExceptionsApi.ApproveAsync(viewer.Client, entry.Id())).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await app.ExceptionSnapshotAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_register()
    {
        await using var app = await SecCommsApp.StartAsync("sqlite");
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/exceptions", "/api/v1/exceptions/{id}", "/api/v1/exceptions/{id}/approve", "/api/v1/exceptions/{id}/reject",
            "/api/v1/exceptions/{id}/revoke", "/api/v1/exceptions/{id}/extend" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }
}
