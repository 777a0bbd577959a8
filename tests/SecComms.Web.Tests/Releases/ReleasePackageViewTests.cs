using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Releases;

public sealed class ReleasePackageViewTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_package_offers_each_reader_the_steps_they_may_take_and_says_what_would_stop_each_part(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ann = await app.AddUserAsync("ann@example.com", ["security"]);
        var ben = await app.AddUserAsync("ben@example.com", ["security"]);
        var abe = await app.AddUserAsync("abe@example.com", ["appsec"]);
        var vulnerability = await ReleaseApi.FixedVulnerabilityAsync(ann.Client, ReleaseApi.Rce());
        var release = await ReleaseApi.PlanAsync(ann.Client, "critical");
        await (await ReleaseApi.BundleAsync(ann.Client, release, vulnerability)).JsonAsync();
        await ReleaseApi.AddressNoOneAsync(ann.Client, await (await ReleaseApi.PrepareAsync(ann.Client, release)).JsonAsync());

        var drafts = await PackageAsync(ann, release);
        Assert.Equal(["answer-safe", "submit"], Allowed(drafts));
        Assert.All(Parts(drafts), p => Assert.Contains(p.GetProperty("outstanding").EnumerateArray(),
            o => o.GetString()!.EndsWith("is a draft: submit it for review.", StringComparison.Ordinal)));

        await (await ann.Client.PutAsJsonAsync($"/api/v1/releases/{release}/safe", new { sensitive = false, accurate = true, financial = false, effect = false }))
            .JsonAsync();
        await (await ann.Client.PostAsync($"/api/v1/releases/{release}/submit", null)).JsonAsync();

        var authored = await PackageAsync(ann, release);
        Assert.Empty(Allowed(authored));
        Assert.All(Parts(authored), p => Assert.False(p.GetProperty("asksYou").GetBoolean()));
        Assert.Empty(Allowed(await PackageAsync(abe, release)));
        var asked = await PackageAsync(ben, release);
        Assert.Equal(["approve"], Allowed(asked));
        Assert.All(Parts(asked), p =>
        {
            Assert.True(p.GetProperty("asksYou").GetBoolean());
            Assert.False(p.GetProperty("ready").GetBoolean());
            Assert.Equal("Approval by security (stage 1) of revision 1.", Assert.Single(p.GetProperty("outstanding").EnumerateArray()).GetString());
        });

        await (await ben.Client.PostAsJsonAsync($"/api/v1/releases/{release}/approvals", new
        {
            decisions = Parts(asked).Select(p => new { communicationId = p.GetProperty("communication").Id(), packageHash = p.GetProperty("communication").Hash() }),
        })).JsonAsync();

        var approved = await PackageAsync(ann, release);
        Assert.Equal(["ship-with-release"], Allowed(approved));
        Assert.Empty(Allowed(await PackageAsync(abe, release)));
        Assert.All(Parts(approved), p =>
        {
            Assert.True(p.GetProperty("ready").GetBoolean());
            Assert.Empty(p.GetProperty("outstanding").EnumerateArray());
        });
    }

    private static async Task<JsonElement> PackageAsync(TestUser reader, string release) =>
        await (await reader.Client.GetAsync($"/api/v1/releases/{release}/package")).JsonAsync();

    private static List<string?> Allowed(JsonElement package) => [.. package.GetProperty("allowed").EnumerateArray().Select(a => a.GetString())];

    private static List<JsonElement> Parts(JsonElement package) => [.. package.GetProperty("parts").EnumerateArray()];
}
