using System.Net;
using SecComms.Testing;
using SecComms.Web.Tests.Pages;

namespace SecComms.Web.Tests.Incidents;

public sealed class IncidentPageQueryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_incident_page_costs_the_same_queries_with_one_message_or_three(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var eve = await app.AddUserAsync("eve@example.com", ["security"], password: PageSession.Password);
        var small = await OpenAsync(app, eve, "Exposed backups", ["initial-notice"]);
        var large = await OpenAsync(app, eve, "Leaked tokens", ["initial-notice", "update", "resolution-notice"]);
        var session = await PageSession.SignInAsync(app, eve.Email);

        var one = await app.Queries.GetAsync(session.Client, $"/incidents/{small}");
        var three = await app.Queries.GetAsync(session.Client, $"/incidents/{large}");

        Assert.Equal(HttpStatusCode.OK, one.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, three.Response.StatusCode);
        Assert.Contains("Leaked tokens", await three.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(three.Count == one.Count, $"One message took {one.Count} queries, three took {three.Count}:\n{three.Listing}");
        Assert.True(three.Count <= 18, $"The incident page ran {three.Count} queries:\n{three.Listing}");
    }

    private static async Task<string> OpenAsync(SecCommsApp app, TestUser eve, string title, string[] parts)
    {
        var id = (await IncidentApi.OpenedAsync(eve.Client, new
        {
            title,
            kind = "data-loss",
            severity = "s2",
            becameAwareAt = app.Time.GetUtcNow().AddHours(-1),
            personalData = false,
        })).GetProperty("id").GetString()!;
        foreach (var part in parts)
        {
            await IncidentApi.DraftAsync(eve.Client, id, part);
        }
        return id;
    }
}
