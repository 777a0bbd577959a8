using System.Net;
using SecComms.Testing;

namespace SecComms.Web.Tests.Pages;

public sealed class SignInPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Signing_in_with_the_right_password_opens_a_session(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var session = PageSession.Anonymous(app);

        var response = await session.SubmitAsync("/signin", new() { ["Email"] = "Alice@Example.com", ["Password"] = PageSession.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var home = WebUtility.HtmlDecode(await session.GetHtmlAsync("/"));
        Assert.Contains("alice", home, StringComparison.Ordinal);
        Assert.Contains("Sign out", home, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task After_sign_in_only_a_local_return_url_is_followed(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);

        async Task<string?> LocationAfterSignIn(string returnUrl)
        {
            var session = PageSession.Anonymous(app);
            var url = "/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
            var response = await session.SubmitAsync(url, new() { ["Email"] = "alice@example.com", ["Password"] = PageSession.Password, ["ReturnUrl"] = returnUrl });
            return response.Headers.Location?.OriginalString;
        }

        Assert.Equal("/tokens", await LocationAfterSignIn("/tokens"));
        Assert.Equal("/", await LocationAfterSignIn("https://evil.example/phish"));
        Assert.Equal("/", await LocationAfterSignIn("//evil.example/phish"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_page_asked_for_without_a_session_redirects_to_sign_in(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var session = PageSession.Anonymous(app);

        foreach (var url in new[] { "/", "/communications/new", $"/communications/{Guid.NewGuid()}", "/tokens", "/api-reference" })
        {
            var response = await session.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/signin?ReturnUrl=" + Uri.EscapeDataString(url), response.Headers.Location?.PathAndQuery);
        }
        Assert.Contains("<h1>Sign in</h1>", await session.GetHtmlAsync("/signin"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Signing_out_ends_the_session(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var session = await PageSession.AddAndSignInAsync(app, "alice@example.com", ["security"]);

        var response = await session.SubmitAsync("/", [], action: "/signout");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/")).StatusCode);
    }
}
