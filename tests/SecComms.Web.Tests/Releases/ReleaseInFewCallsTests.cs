using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Distribution;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Releases;

/// <summary>
/// A critical security release, from a vulnerability recorded as fixed to its blog post, advisory and customer email
/// published and dispatched with the exports served, through the API in as few calls as the procedure allows.
/// </summary>
public sealed class ReleaseInFewCallsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_critical_release_goes_out_in_at_most_eight_calls_by_at_most_three_people(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ann = await app.AddUserAsync("ann@example.com", ["security"]);
        var ben = await app.AddUserAsync("ben@example.com", ["security"]);
        await (await DistributionApi.ImportAsync(ann.Client, DistributionApi.Header + "\nada@acme.example,Ada,Acme,,enterprise,,,,yes\n")).JsonAsync();
        await (await DistributionApi.CreateSegmentAsync(ann.Client, new { key = "enterprise", name = "Enterprise customers", tiers = new[] { "enterprise" } }))
            .JsonAsync(HttpStatusCode.Created);
        var vulnerability = await ReleaseApi.FixedVulnerabilityAsync(ann.Client, ReleaseApi.Rce());
        var calls = new List<(string Person, string Call)>();
        async Task<JsonElement> Call(TestUser person, string method, string path, object? body = null)
        {
            calls.Add((person.Email, $"{method} {path}"));
            var response = await person.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = body is null ? null : JsonContent.Create(body),
            });
            return await response.JsonAsync(response.StatusCode == HttpStatusCode.Created ? HttpStatusCode.Created : HttpStatusCode.OK);
        }

        var release = (await Call(ann, "POST", "/api/v1/releases",
            new { kind = "critical", product = "Acme Platform", versions = new[] { "18.4.2", "18.3.5", "18.2.9" } })).Id();
        await Call(ann, "PUT", $"/api/v1/releases/{release}/vulnerabilities", new { vulnerabilityIds = new[] { vulnerability } });
        await Call(ann, "POST", $"/api/v1/releases/{release}/prepare", new
        {
            safe = new { sensitive = false, accurate = true, financial = false, effect = false },
            audience = new { segment = "enterprise" },
            submit = true,
        });
        var package = await Call(ben, "GET", $"/api/v1/releases/{release}/package");
        var decisions = package.GetProperty("parts").EnumerateArray().Where(p => p.GetProperty("asksYou").GetBoolean())
            .Select(p => new { communicationId = p.GetProperty("communication").Id(), packageHash = p.GetProperty("communication").GetProperty("packageHash").GetString() })
            .ToList();
        await Call(ben, "POST", $"/api/v1/releases/{release}/approvals", new { decisions, comment = "Checked against the records." });
        await Call(ann, "POST", $"/api/v1/releases/{release}/ship-with-release");
        await Call(ann, "POST", $"/api/v1/releases/{release}/publish");

        Assert.True(calls.Count <= 8, $"{calls.Count} calls: {string.Join("; ", calls.Select(c => c.Call))}");
        Assert.True(calls.Select(c => c.Person).Distinct().Count() <= 3);
        Assert.Equal(3, decisions.Count);
        var published = await ReleaseApi.DetailsAsync(ann.Client, release);
        Assert.All(published.GetProperty("communications").EnumerateArray(), c => Assert.Equal("published", c.GetProperty("status").GetString()));
        Assert.All(published.GetProperty("communications").EnumerateArray(), c => Assert.False(c.GetProperty("emergency").GetBoolean()));
        var email = published.Part("customer-email").Id();
        var letter = (await (await ann.Client.GetAsync($"/api/v1/communications/{email}")).JsonAsync()).Content();
        Assert.StartsWith("Critical security release: upgrade Acme Platform to", letter.GetProperty("emailSubject").GetString(), StringComparison.Ordinal);
        Assert.Contains("to fix a critical security issue", letter.GetProperty("emailBody").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await DistributionApi.DispatchesAsync(ann.Client, email)).EnumerateArray().Single().GetProperty("recipients").GetInt32());
        var advisory = published.Part("advisory").GetProperty("reference").GetString();
        using var anonymous = app.CreateClient();
        var csaf = await anonymous.GetAsync($"/advisories/{advisory}/csaf.json");
        Assert.Equal(HttpStatusCode.OK, csaf.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_batch_with_a_stale_hash_or_a_communication_not_asked_of_you_decides_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ann = await app.AddUserAsync("ann@example.com", ["security"]);
        var ben = await app.AddUserAsync("ben@example.com", ["security"]);
        var vulnerability = await ReleaseApi.FixedVulnerabilityAsync(ann.Client, ReleaseApi.Rce());
        var release = await ReleaseApi.PlanAsync(ann.Client, "critical");
        await (await ReleaseApi.BundleAsync(ann.Client, release, vulnerability)).JsonAsync();
        var unanswered = await (await ann.Client.PostAsJsonAsync($"/api/v1/releases/{release}/prepare", new { submit = true }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("SAFE questions", unanswered.Detail(), StringComparison.Ordinal);
        Assert.Equal("planned", (await ReleaseApi.DetailsAsync(ann.Client, release)).GetProperty("release").GetProperty("status").GetString());
        await (await ReleaseApi.PrepareAsync(ann.Client, release)).JsonAsync();
        await (await ann.Client.PutAsJsonAsync($"/api/v1/releases/{release}/safe", new { sensitive = false, accurate = true, financial = false, effect = false }))
            .JsonAsync();
        await (await ann.Client.PostAsync($"/api/v1/releases/{release}/submit", null)).JsonAsync();
        var package = await (await ben.Client.GetAsync($"/api/v1/releases/{release}/package")).JsonAsync();
        var parts = package.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("communication")).ToList();
        Assert.All(package.GetProperty("parts").EnumerateArray(), p => Assert.True(p.GetProperty("asksYou").GetBoolean()));
        Assert.All(parts, p => Assert.Equal("in-review", p.GetProperty("status").GetString()));
        var before = await app.SnapshotAsync();

        var stale = await (await ben.Client.PostAsJsonAsync($"/api/v1/releases/{release}/approvals", new
        {
            decisions = parts.Select((p, i) => new { communicationId = p.Id(), packageHash = i == 0 ? new string('0', 64) : p.GetProperty("packageHash").GetString() }),
        })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(parts[0].GetProperty("reference").GetString(), Assert.Single(stale.GetProperty("problems").EnumerateArray()).GetProperty("communication").GetString());
        var ownText = await (await ann.Client.PostAsJsonAsync($"/api/v1/releases/{release}/approvals", new
        {
            decisions = parts.Select(p => new { communicationId = p.Id(), packageHash = p.GetProperty("packageHash").GetString() }),
        })).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("No one may approve a text they wrote", ownText.Detail(), StringComparison.Ordinal);
        await (await ben.Client.PostAsJsonAsync($"/api/v1/releases/{release}/approvals", new { decisions = Array.Empty<object>() }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.SnapshotAsync());
    }
}
