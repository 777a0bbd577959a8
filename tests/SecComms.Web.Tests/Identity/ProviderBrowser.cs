using System.Net;
using System.Text.RegularExpressions;

namespace SecComms.Web.Tests.Identity;

/// <summary>
/// A browser without the rendering: an HTTP client with a cookie jar that follows redirects itself, so that a test sees
/// and may change each step of a sign-in through the OpenID provider. Talks only to loopback.
/// </summary>
internal sealed partial class ProviderBrowser : IDisposable
{
    private readonly Uri _app;
    private readonly HttpClientHandler _handler = new() { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
    private readonly HttpClient _http;

    public ProviderBrowser(Uri app)
    {
        _app = app;
        _http = new HttpClient(_handler);
    }

    /// <summary>The cookies of SecComms and of the provider, both on 127.0.0.1.</summary>
    public CookieContainer Cookies => _handler.CookieContainer;

    /// <summary>Starts at SecComms' sign-in button, signs in at the provider's page and follows every redirect to where it ends.</summary>
    public async Task<Page> SignInAsync(string username, string password) => await OpenAsync(await SignInUpToCallbackAsync(username, password));

    /// <summary>Signs in at the provider and stops before the provider's answer reaches SecComms: the callback's address.</summary>
    public async Task<Uri> SignInUpToCallbackAsync(string username, string password)
    {
        var login = await OpenAsync(new Uri(_app, "/signin/provider?returnUrl=%2F"));
        var action = FormAction().Match(login.Body);
        Assert.True(action.Success, $"No sign-in form at {login.Url}: {login.Body}");
        var target = new Uri(login.Url, WebUtility.HtmlDecode(action.Groups[1].Value));
        var response = await _http.PostAsync(target, new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = username, ["password"] = password }));
        var (at, last) = await FollowAsync(target, response, url => url.Authority == _app.Authority && url.AbsolutePath == "/signin-oidc");
        last?.Dispose();
        return at;
    }

    /// <summary>Opens <paramref name="url"/> and follows its redirects.</summary>
    public async Task<Page> OpenAsync(Uri url) => await PageAsync(url, await _http.GetAsync(url));

    /// <summary>Posts a form to <paramref name="url"/> and follows its redirects.</summary>
    public async Task<Page> PostAsync(Uri url, IReadOnlyDictionary<string, string> form) =>
        await PageAsync(url, await _http.PostAsync(url, new FormUrlEncodedContent(form)));

    /// <summary>The request as it is, without following a redirect: its status and where it would go.</summary>
    public async Task<(int Status, Uri? Location)> PeekAsync(Uri url)
    {
        using var response = await _http.GetAsync(url);
        return ((int)response.StatusCode, response.Headers.Location is { } to ? new Uri(url, to) : null);
    }

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    private async Task<Page> PageAsync(Uri url, HttpResponseMessage response)
    {
        var (at, last) = await FollowAsync(url, response, _ => false);
        using (last)
        {
            return new Page((int)last!.StatusCode, at, await last.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// Follows redirects from <paramref name="response"/> to the first address that <paramref name="stop"/> (not requested:
    /// no response) or that answers without a redirect (with its response).
    /// </summary>
    private async Task<(Uri At, HttpResponseMessage? Response)> FollowAsync(Uri from, HttpResponseMessage response, Func<Uri, bool> stop)
    {
        var at = from;
        for (var hop = 0; hop < 20; hop++)
        {
            if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is null)
            {
                return (at, response);
            }
            var next = new Uri(at, response.Headers.Location);
            response.Dispose();
            Assert.True(next.IsLoopback, $"A redirect left loopback: {next}");
            if (stop(next))
            {
                return (next, null);
            }
            at = next;
            response = await _http.GetAsync(next);
        }
        throw new InvalidOperationException($"Too many redirects from {from}.");
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}

/// <summary>A page as the client got it: status, address after every redirect, and body.</summary>
internal sealed record Page(int Status, Uri Url, string Body);
