using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Web.Tests.Communications;

public sealed class CommunicationApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_communication_is_created_from_its_category_template(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);

        var response = await alice.Client.PostAsJsonAsync("/api/v1/communications", new { category = "security-release", title = "GitLab 18.4.1" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("SC-1", body.GetProperty("reference").GetString());
        var content = body.GetProperty("revision").GetProperty("content");
        Assert.StartsWith("# GitLab 18.4.1", content.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("Security release: GitLab 18.4.1", content.GetProperty("emailSubject").GetString());
        Assert.Equal("\"rev-1\"", response.Headers.ETag?.Tag);
    }
}
