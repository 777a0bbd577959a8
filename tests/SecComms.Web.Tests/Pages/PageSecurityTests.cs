using System.Net;
using System.Text.RegularExpressions;
using SecComms.Testing;
using SecComms.Web.Hosting;

namespace SecComms.Web.Tests.Pages;

public sealed partial class PageSecurityTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Every_page_carries_the_content_security_policy_and_no_inline_script_or_style(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var id = await CommunicationPageTests.CreateAsync(alice, "security-release", "GitLab 18.4.1");
        var session = await PageSession.SignInAsync(app, "alice@example.com");
        var anonymous = PageSession.Anonymous(app);
        var edit = $"/communications/{id}/edit";

        var responses = new List<(string Name, HttpResponseMessage Response)>
        {
            ("signin", await anonymous.Client.GetAsync("/signin")),
            ("setup", await anonymous.Client.GetAsync("/setup?code=wrong")),
            ("error", await anonymous.Client.GetAsync("/error")),
            ("redirect", await anonymous.Client.GetAsync("/tokens")),
            ("list", await session.Client.GetAsync("/")),
            ("new", await session.Client.GetAsync("/communications/new")),
            ("view", await session.Client.GetAsync($"/communications/{id}")),
            ("edit", await session.Client.GetAsync(edit)),
            ("preview", await session.SubmitAsync(edit, CommunicationPageTests.Content(1, "# Hello", null), action: edit + "?handler=Preview")),
            ("diff", await session.Client.GetAsync($"/communications/{id}/revisions/1/diff")),
            ("not found", await session.Client.GetAsync($"/communications/{Guid.NewGuid()}")),
            ("tokens", await session.Client.GetAsync("/tokens")),
            ("api reference", await session.Client.GetAsync("/api-reference")),
            ("vulnerabilities", await session.Client.GetAsync("/vulnerabilities")),
            ("new vulnerability", await session.Client.GetAsync("/vulnerabilities/new")),
            ("releases", await session.Client.GetAsync("/releases")),
            ("script", await session.Client.GetAsync("/js/cvss-score.js")),
            ("stylesheet", await session.Client.GetAsync("/css/site.css")),
        };

        foreach (var (name, response) in responses)
        {
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{name} has no Content-Security-Policy");
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(csp));
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var html = await response.Content.ReadAsStringAsync();
                Assert.False(InlineCode().IsMatch(html), $"{name} has inline script or style: {InlineCode().Match(html).Value}");
            }
        }
        Assert.Equal(HttpStatusCode.OK, responses.Single(r => r.Name == "stylesheet").Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, responses.Single(r => r.Name == "script").Response.StatusCode);
    }

    /// <summary>Inline script or style; a script element that loads a file from this site is allowed.</summary>
    [GeneratedRegex(@"<script(?![^>]*\ssrc=""/[^/])|<style|\sstyle=|\son[a-z]+=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();
}
