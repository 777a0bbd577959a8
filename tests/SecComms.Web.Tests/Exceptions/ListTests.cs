using System.Net;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Exceptions;

public sealed class ListTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_register_filters_by_status_communication_requester_risk_and_coming_expiry_and_pages_newest_first(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, ExceptionsApi.NoBackgroundSweep);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var release = (await CommunicationsApi.CreateAsync(alice.Client, "Release")).Id();
        await ExceptionsApi.CreateAsync(alice.Client, ExceptionsApi.Request(risk: "low"));
        await ExceptionsApi.CreateAsync(lee.Client, ExceptionsApi.Request(release, ["fix-released"], risk: "critical"));
        await ExceptionsApi.ApprovedAsync(lee.Client, sam.Client, ExceptionsApi.Request(periodDays: 10, risk: "medium"));
        await ExceptionsApi.ApprovedAsync(alice.Client, sam.Client, ExceptionsApi.Request(release, ["fix-released"], periodDays: 60, risk: "critical"));
        var rejected = await ExceptionsApi.CreateAsync(lee.Client);
        await (await ExceptionsApi.RejectAsync(alice.Client, rejected.Id(), "No.")).JsonAsync();
        var expiring = await ExceptionsApi.ApprovedAsync(alice.Client, sam.Client, ExceptionsApi.Request(periodDays: 2));
        app.Time.Advance(TimeSpan.FromDays(3));

        Assert.Equal(["EX-6", "EX-5", "EX-4", "EX-3", "EX-2", "EX-1"], await ExceptionsApi.ReferencesAsync(lee.Client));
        Assert.Equal(["EX-2", "EX-1"], await ExceptionsApi.ReferencesAsync(lee.Client, "?status=requested"));
        Assert.Equal(["EX-4", "EX-3"], await ExceptionsApi.ReferencesAsync(lee.Client, "?status=approved"));
        Assert.Equal(["EX-5"], await ExceptionsApi.ReferencesAsync(lee.Client, "?status=rejected"));
        Assert.Equal(["EX-6"], await ExceptionsApi.ReferencesAsync(lee.Client, "?status=expired"));
        Assert.Equal(["EX-4", "EX-2"], await ExceptionsApi.ReferencesAsync(lee.Client, $"?communicationId={release}"));
        Assert.Equal(["EX-5", "EX-3", "EX-2"], await ExceptionsApi.ReferencesAsync(lee.Client, "?mine=true"));
        Assert.Equal(["EX-4", "EX-2"], await ExceptionsApi.ReferencesAsync(lee.Client, "?risk=critical"));
        Assert.Equal(["EX-3"], await ExceptionsApi.ReferencesAsync(lee.Client, "?expiringWithinDays=14"));
        Assert.Equal(["EX-4", "EX-3"], await ExceptionsApi.ReferencesAsync(lee.Client, "?expiringWithinDays=60"));
        Assert.Equal(["EX-2"], await ExceptionsApi.ReferencesAsync(lee.Client, "?mine=true&risk=critical&status=requested"));

        var first = await (await lee.Client.GetAsync("/api/v1/exceptions?limit=4")).JsonAsync();
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.Equal(["EX-6", "EX-5", "EX-4", "EX-3"], first.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("reference").GetString()));
        Assert.Equal(["EX-2", "EX-1"], await ExceptionsApi.ReferencesAsync(lee.Client, $"?limit=4&cursor={cursor}"));
        var summary = first.GetProperty("items")[0];
        Assert.Equal("expired", summary.Status());
        Assert.Equal(expiring.GetProperty("expiresAt").GetDateTimeOffset(), summary.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal("SC-1", first.GetProperty("items")[2].GetProperty("communicationReference").GetString());

        foreach (var (query, field) in new[]
        {
            ("status=lapsed", "status"), ("risk=severe", "risk"), ("expiringWithinDays=0", "expiringWithinDays"), ("limit=101", "limit"), ("cursor=EX-3", "cursor"),
        })
        {
            var problem = await (await lee.Client.GetAsync($"/api/v1/exceptions?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), query);
        }
        await (await lee.Client.GetAsync("/api/v1/exceptions?communicationId=SC-1")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
