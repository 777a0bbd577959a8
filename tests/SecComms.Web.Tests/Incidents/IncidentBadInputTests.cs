using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Incidents;

public sealed class IncidentBadInputTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Impossible_timelines_and_unknown_values_are_refused_naming_the_field_and_change_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var eve = await app.AddUserAsync("eve@example.com", ["security"]);
        var now = app.Time.GetUtcNow();
        var aware = now.AddHours(-3);
        var id = (await IncidentApi.OpenedAsync(eve.Client, new { title = "Open S3 bucket", kind = "misconfiguration", severity = "s2", becameAwareAt = aware, personalData = false })).Id();
        var before = await SnapshotAsync(app);

        var severity = await (await IncidentApi.OpenAsync(eve.Client, new { title = "X", kind = "breach", severity = "s9", becameAwareAt = aware, personalData = false }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("severity", severity.Detail(), StringComparison.Ordinal);
        var missing = await (await IncidentApi.OpenAsync(eve.Client, new { title = "", kind = "breach" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["becameAwareAt", "personalData", "severity", "title"], missing.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var future = await (await IncidentApi.OpenAsync(eve.Client, new { title = "X", kind = "breach", severity = "s1", becameAwareAt = now.AddHours(1), personalData = false }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(future.GetProperty("errors").TryGetProperty("becameAwareAt", out _));

        var early = await (await IncidentApi.StatusAsync(eve.Client, id, "contained", aware.AddMinutes(-1))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(early.GetProperty("errors").TryGetProperty("at", out _));
        var detected = await (await eve.Client.PatchAsJsonAsync($"/api/v1/incidents/{id}", new { details = new { detectedAt = aware.AddMinutes(5) } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(detected.GetProperty("errors").TryGetProperty("detectedAt", out _));
        var negative = await (await eve.Client.PatchAsJsonAsync($"/api/v1/incidents/{id}", new { details = new { affectedCustomerCount = -4, regions = new[] { "" } } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["affectedCustomerCount", "regions"], negative.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var role = await (await eve.Client.PatchAsJsonAsync($"/api/v1/incidents/{id}", new { details = new { roles = new { communicationsManager = "nobody@example.com" } } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(role.GetProperty("errors").TryGetProperty("roles.communicationsManager", out _));
        Assert.Equal(before, await SnapshotAsync(app));

        await (await IncidentApi.StatusAsync(eve.Client, id, "contained", aware.AddHours(1))).JsonAsync();
        var resolved = await (await IncidentApi.StatusAsync(eve.Client, id, "resolved", aware.AddMinutes(30))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("resolvedAt", resolved.GetProperty("errors").GetProperty("at")[0].GetString(), StringComparison.Ordinal);
        var backwards = await (await IncidentApi.StatusAsync(eve.Client, id, "identified")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("only moves forward", backwards.Detail(), StringComparison.Ordinal);
        var unknownClock = await (await eve.Client.PostAsJsonAsync($"/api/v1/incidents/{id}/clocks/gdpr-art-33/met", new { evidence = "x" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("no started clock 'gdpr-art-33'", unknownClock.Detail(), StringComparison.Ordinal);
        var noProof = await (await eve.Client.PostAsJsonAsync($"/api/v1/incidents/{id}/clocks/external-message-s2/met", new { }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(noProof.GetProperty("errors").TryGetProperty("communicationId", out _));
        var party = await (await eve.Client.PostAsJsonAsync($"/api/v1/incidents/{id}/engagements", new { party = "ceo" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("director-security-operations", party.GetProperty("errors").GetProperty("party")[0].GetString(), StringComparison.Ordinal);
        var part = await (await eve.Client.PostAsJsonAsync($"/api/v1/incidents/{id}/messages", new { part = "initial-notice", category = "security-release" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(part.GetProperty("errors").TryGetProperty("category", out _));
        var title = await (await eve.Client.PostAsJsonAsync($"/api/v1/incidents/{id}/messages", new { part = "initial-notice", title = new string('x', 201) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(title.GetProperty("errors").TryGetProperty("title", out _));
        Assert.Empty((await (await eve.Client.GetAsync($"/api/v1/incidents/{id}/messages")).JsonAsync()).EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_clock_rule_that_does_not_parse_is_refused_with_its_line_and_the_policy_stays(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var admin = await app.AddUserAsync("root@example.com", [], UserRole.Admin);
        var hash = (await (await admin.Client.GetAsync("/api/v1/policy")).JsonAsync()).GetProperty("hash").GetString();
        var broken = PolicyLoader.DefaultYaml()
            .Replace("      due: 72 hours\n      escalate-before: [24h, 6h]\n    sec-8k", "      due: 72 hrs\n      escalate-before: [24h, 6h]\n    sec-8k", StringComparison.Ordinal)
            .Replace("start: materiality-determined", "start: lunch", StringComparison.Ordinal)
            .Replace("calendar: us-federal", "calendar: mars", StringComparison.Ordinal);

        var refused = await (await admin.Client.PutAsync("/api/v1/policy", new StringContent(broken, Encoding.UTF8, "application/yaml")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);

        var errors = refused.GetProperty("errors").GetProperty("policy").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.Contains("incidents clock 'gdpr-art-33': due: '72 hrs' is not a period", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("incidents clock 'sec-8k-item-1-05': start 'lunch' must be one of", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("incidents clock 'sec-8k-item-1-05': calendar 'mars' is not one of the calendars", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.Matches("^policy, line [0-9]+: ", e));
        Assert.Equal(hash, (await (await admin.Client.GetAsync("/api/v1/policy")).JsonAsync()).GetProperty("hash").GetString());
    }

    private static async Task<string> SnapshotAsync(SecCommsApp app)
    {
        await using var db = app.Database.CreateContext();
        var incidents = (await db.Incidents.OrderBy(i => i.Number).ToListAsync())
            .Select(i => $"{i.Status}|{i.Severity}|{i.DetectedAt:O}|{i.ContainedAt:O}|{i.AffectedCustomerCount}|{string.Join("/", i.Regions)}");
        return $"{await db.AuditEvents.CountAsync()}:{await db.TimelineEntries.CountAsync()}:{await db.IncidentClocks.CountAsync()}:{string.Join(",", incidents)}";
    }
}
