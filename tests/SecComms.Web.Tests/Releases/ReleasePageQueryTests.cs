using System.Net;
using SecComms.Testing;
using SecComms.Web.Tests.Pages;

namespace SecComms.Web.Tests.Releases;

public sealed class ReleasePageQueryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_release_page_costs_the_same_queries_with_one_vulnerability_or_two(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security"], password: PageSession.Password);
        var rce = await ReleaseApi.FixedVulnerabilityAsync(sam.Client, ReleaseApi.Rce("CVE-2026-20001"));
        var small = await ReleaseApi.PlanAsync(sam.Client);
        await (await ReleaseApi.BundleAsync(sam.Client, small, rce)).JsonAsync();
        await (await ReleaseApi.PrepareAsync(sam.Client, small)).JsonAsync();
        var (large, _) = await ReleaseApi.PreparedAsync(sam.Client);
        var session = await PageSession.SignInAsync(app, sam.Email);

        var one = await app.Queries.GetAsync(session.Client, $"/releases/{small}");
        var two = await app.Queries.GetAsync(session.Client, $"/releases/{large}");

        Assert.Equal(HttpStatusCode.OK, one.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, two.Response.StatusCode);
        Assert.True(two.Count == one.Count, $"One vulnerability took {one.Count} queries, two took {two.Count}:\n{two.Listing}");
        Assert.True(two.Count <= 8, $"The release page ran {two.Count} queries:\n{two.Listing}");
    }
}
