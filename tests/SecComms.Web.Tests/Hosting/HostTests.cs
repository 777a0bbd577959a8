using System.Net;
using SecComms.Testing;

namespace SecComms.Web.Tests.Hosting;

public sealed class HostTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Health_and_readiness_answer_without_signing_in(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Readiness_fails_while_a_migration_is_pending(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        await app.Database.ExecuteSqlAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = (SELECT MAX("MigrationId") FROM "__EFMigrationsHistory")""");

        var ready = await app.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_browser_gets_an_error_page_where_the_API_gets_problem_details()
    {
        await using var app = await SecCommsApp.StartAsync("sqlite");
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);

        var page = await app.CreateClient().GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Not found</h1>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var api = await alice.Client.GetAsync("/api/v1/no-such-thing");
        Assert.Contains("/api/v1/no-such-thing", (await api.AssertProblemAsync(HttpStatusCode.NotFound)).Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_API_and_its_errors()
    {
        await using var app = await SecCommsApp.StartAsync("sqlite");
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        var document = await response.JsonAsync();
        Assert.Equal("SecComms API", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/communications", "/api/v1/communications/{id}/content", "/api/v1/audit/verify", "/api/v1/tokens" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
        Assert.Equal(SecComms.Web.Hosting.SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
