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
