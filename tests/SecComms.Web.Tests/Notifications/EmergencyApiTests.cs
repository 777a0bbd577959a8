using System.Net;
using System.Net.Http.Json;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Notifications;

public sealed class EmergencyApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_owner_team_or_security_switches_emergency_mode_and_the_deadlines_follow(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = (await CommunicationsApi.CreateAsync(mo.Client, "Our approach", "contributed-article")).Id();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(mo.Client, id)).JsonAsync();
        var submittedAt = app.Time.GetUtcNow();
        Assert.Equal(submittedAt + TimeSpan.FromDays(5), (await WorkflowApi.RequirementsAsync(mo.Client, id)).GetProperty("stages")[0].GetProperty("dueAt").GetDateTimeOffset());

        var on = await (await SetAsync(mo.Client, id, true)).JsonAsync();

        Assert.True(on.GetProperty("emergency").GetBoolean());
        Assert.Equal(submittedAt + TimeSpan.FromHours(24), on.GetProperty("stages")[0].GetProperty("dueAt").GetDateTimeOffset());
        var audited = await ApprovalTests.AuditEventAsync(sam.Client, id, "communication.emergency-changed");
        Assert.True(audited.GetProperty("emergency").GetBoolean());
        Assert.Equal("1d", audited.GetProperty("deadline").GetString());
        var events = (await app.SnapshotAsync()).Events;
        await (await SetAsync(mo.Client, id, true)).JsonAsync();
        Assert.Equal(events, (await app.SnapshotAsync()).Events);

        var off = await (await SetAsync(sam.Client, id, false)).JsonAsync();

        Assert.False(off.GetProperty("emergency").GetBoolean());
        Assert.Equal(submittedAt + TimeSpan.FromDays(5), off.GetProperty("stages")[0].GetProperty("dueAt").GetDateTimeOffset());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Refused_switches_name_the_rule_and_change_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var max = await app.AddUserAsync("max@example.com", ["corporate-marketing"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var viewer = await app.AddUserAsync("vic@example.com", ["security"], UserRole.Viewer);
        var article = await CommunicationsApi.CreateAsync(mo.Client, "Our approach", "contributed-article");
        var id = article.Id();
        var interview = (await CommunicationsApi.CreateAsync(mo.Client, "Interview", "media-engagement")).Id();
        var before = await app.SnapshotAsync();

        var missing = await (await mo.Client.PostAsJsonAsync($"/api/v1/communications/{id}/emergency", new { })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("emergency is required: true or false.", missing.GetProperty("errors").GetProperty("emergency")[0].GetString());
        await (await mo.Client.PostAsJsonAsync($"/api/v1/communications/{id}/emergency", new { emergency = "yes" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var outsider = await (await SetAsync(lee.Client, id, true)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(
            "Only the security team or the owner team of a contributed-article (corporate-marketing) may switch emergency mode; you are in neither.",
            outsider.Detail());
        await (await SetAsync(viewer.Client, id, true)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await SetAsync(lee.Client, interview, true)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await SetAsync(mo.Client, Guid.NewGuid().ToString(), true)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await app.SnapshotAsync());
        Assert.False((await WorkflowApi.RequirementsAsync(mo.Client, id)).GetProperty("emergency").GetBoolean());

        await (await WorkflowApi.AnswerSafeAndSubmitAsync(mo.Client, id)).JsonAsync();
        await (await WorkflowApi.DecideAsync(max.Client, id, "approve", article.Hash())).JsonAsync(HttpStatusCode.Created);
        await (await WorkflowApi.PublishAsync(mo.Client, id)).JsonAsync();
        var published = await app.SnapshotAsync();
        var late = await (await SetAsync(mo.Client, id, true)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("Emergency mode can change only before publication; SC-1 is published.", late.Detail());
        Assert.Equal(published, await app.SnapshotAsync());
    }

    private static Task<HttpResponseMessage> SetAsync(HttpClient client, string id, bool emergency) =>
        client.PostAsJsonAsync($"/api/v1/communications/{id}/emergency", new { emergency });
}
