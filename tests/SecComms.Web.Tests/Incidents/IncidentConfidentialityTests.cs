using System.Net;
using System.Net.Http.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Incidents;

public sealed class IncidentConfidentialityTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Outside_the_security_team_an_incident_and_its_plan_do_not_exist(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var eve = await app.AddUserAsync("eve@example.com", ["security"]);
        var mia = await app.AddUserAsync("mia@example.com", []);
        var pat = await app.AddUserAsync("pat@example.com", ["product"]);
        var incident = await IncidentApi.OpenedAsync(eve.Client, new
        {
            title = "Quartzite exfiltration",
            kind = "breach",
            severity = "s1",
            becameAwareAt = app.Time.GetUtcNow().AddHours(-1),
            personalData = true,
        });
        var id = incident.Id();
        var notice = await IncidentApi.DraftAsync(eve.Client, id, "initial-notice");

        Assert.Empty((await (await mia.Client.GetAsync("/api/v1/incidents")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Empty((await (await mia.Client.GetAsync("/api/v1/incidents?search=Quartzite&severity=s1&open=true")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Empty((await (await mia.Client.GetAsync("/api/v1/incidents/clocks")).JsonAsync()).EnumerateArray());
        Assert.Empty((await (await mia.Client.GetAsync("/api/v1/communications?search=Quartzite")).JsonAsync()).GetProperty("items").EnumerateArray());
        foreach (var path in new[] { "", "/clocks", "/timeline", "/engagements", "/messages", "/no-public-notification" })
        {
            var problem = await (await mia.Client.GetAsync($"/api/v1/incidents/{id}{path}")).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.DoesNotContain("Quartzite", problem.GetRawText(), StringComparison.Ordinal);
        }
        await (await mia.Client.PostAsJsonAsync($"/api/v1/incidents/{id}/timeline", new { kind = "note", text = "hello" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await mia.Client.PostAsJsonAsync($"/api/v1/incidents/{id}/status", new { status = "contained" })).AssertProblemAsync(HttpStatusCode.NotFound);

        await (await pat.Client.GetAsync($"/api/v1/incidents/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var asked = await (await pat.Client.GetAsync($"/api/v1/communications/{notice.Id()}")).JsonAsync();
        Assert.Equal(notice.GetProperty("reference").GetString(), asked.GetProperty("reference").GetString());

        Assert.Single((await (await eve.Client.GetAsync("/api/v1/incidents?search=quartzite")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Empty((await (await eve.Client.GetAsync("/api/v1/incidents?search=quartzite&status=resolved")).JsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task No_public_notification_is_decided_by_each_named_team_and_closes_the_unpublished_messages(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var eve = await app.AddUserAsync("eve@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var mia = await app.AddUserAsync("mia@example.com", ["corporate-marketing"]);
        var id = (await IncidentApi.OpenedAsync(eve.Client, new
        {
            title = "Misrouted invoice email",
            kind = "accidental-disclosure",
            severity = "s3",
            becameAwareAt = app.Time.GetUtcNow().AddHours(-2),
            personalData = false,
        })).Id();
        var notice = (await IncidentApi.DraftAsync(eve.Client, id, "initial-notice")).Id();

        await (await eve.Client.PutAsJsonAsync($"/api/v1/incidents/{id}/no-public-notification", new { reason = "" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var proposed = await (await eve.Client.PutAsJsonAsync($"/api/v1/incidents/{id}/no-public-notification",
            new { reason = "One customer received another's invoice; both were told directly and no public interest is served." })).JsonAsync();
        Assert.Equal(["security", "legal"], proposed.GetProperty("waiting").EnumerateArray().Select(t => t.GetString()));

        await (await eve.Client.PostAsync($"/api/v1/incidents/{id}/no-public-notification/approve", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await mia.Client.GetAsync($"/api/v1/incidents/{id}/no-public-notification")).AssertProblemAsync(HttpStatusCode.NotFound);
        var seen = await (await lee.Client.GetAsync($"/api/v1/incidents/{id}/no-public-notification")).JsonAsync();
        Assert.Equal("Misrouted invoice email", seen.GetProperty("incidentTitle").GetString());
        await (await lee.Client.GetAsync($"/api/v1/incidents/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);

        await (await lee.Client.PostAsync($"/api/v1/incidents/{id}/no-public-notification/approve", null)).JsonAsync();
        Assert.Equal("draft", (await (await eve.Client.GetAsync($"/api/v1/communications/{notice}")).JsonAsync()).GetProperty("status").GetString());
        var decided = await (await sam.Client.PostAsync($"/api/v1/incidents/{id}/no-public-notification/approve", null)).JsonAsync();
        Assert.Equal(app.Time.GetUtcNow(), decided.GetProperty("decidedAt").GetDateTimeOffset());

        var closed = await (await eve.Client.GetAsync($"/api/v1/communications/{notice}")).JsonAsync();
        Assert.Equal("no-public-notification", closed.GetProperty("status").GetString());
        Assert.StartsWith("One customer received", closed.GetProperty("statusReason").GetString(), StringComparison.Ordinal);
        await (await eve.Client.PutAsJsonAsync($"/api/v1/incidents/{id}/no-public-notification", new { reason = "Changed our mind" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
