using System.Net;
using SecComms.Testing;

namespace SecComms.Web.Tests.Pages;

public sealed class ApiReferencePageTests
{
    [Fact]
    public async Task The_api_reference_lists_every_operation_by_tag_from_the_openapi_document()
    {
        await using var app = await SecCommsApp.StartAsync(SecComms.Core.Data.DatabaseOptions.Sqlite);
        var session = await PageSession.AddAndSignInAsync(app, "alice@example.com", ["security"]);

        var html = WebUtility.HtmlDecode(await session.GetHtmlAsync("/api-reference"));

        Assert.Contains("<h1>SecComms API reference</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"tag-Communications\">Communications</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"tag-Identity\">Identity</h2>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"op-ReviseCommunication\"", html, StringComparison.Ordinal);
        Assert.Contains("<code class=\"path\">/api/v1/communications/{id}/content</code>", html, StringComparison.Ordinal);
        Assert.Contains("Saves new text as a new immutable revision.", html, StringComparison.Ordinal);
        Assert.Contains("<code>If-Match</code>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#schema-ReviseRequest\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"schema-ReviseRequest\"", html, StringComparison.Ordinal);
        Assert.Contains("<code>200</code>", html, StringComparison.Ordinal);
    }
}
