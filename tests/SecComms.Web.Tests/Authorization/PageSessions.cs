using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using SecComms.Testing;
using SecComms.Web.Tests.Pages;

namespace SecComms.Web.Tests.Authorization;

/// <summary>What a page request came to: its status, its text and, for a redirect, where to.</summary>
public sealed record PageResponse(int Status, string Body, string? Location);

/// <summary>
/// Everyone's browser session on the pages: the sign-in cookie and the antiforgery cookie, sent by hand with each
/// request, so that no call leaves anything behind for the next (a flash message, a signed-out session).
/// </summary>
public sealed partial class PageSessions : IDisposable
{
    public const string TokenField = "__RequestVerificationToken";

    private readonly HttpClient _client;
    private readonly Dictionary<Persona, string> _cookies = [];
    private readonly Dictionary<(Persona, string), string> _tokens = [];

    private PageSessions(HttpClient client) => _client = client;

    /// <summary>Signs everyone in on the sign-in page, as a browser would; the anonymous visitor only opens it.</summary>
    public static async Task<PageSessions> SignInAsync(SecCommsApp app, IReadOnlyDictionary<Persona, string> emails)
    {
        var sessions = new PageSessions(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));
        await sessions.OpenSignInAsync(People.Anonymous);
        foreach (var (persona, email) in emails)
        {
            var token = await sessions.OpenSignInAsync(persona);
            using var request = sessions.Request(HttpMethod.Post, persona, "/signin");
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [TokenField] = token,
                ["Email"] = email,
                ["Password"] = PageSession.Password,
            });
            using var response = await sessions._client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{persona} could not sign in: {(int)response.StatusCode}");
            sessions._cookies[persona] += "; " + string.Join("; ", CookiesSet(response));
        }
        return sessions;
    }

    public async Task<PageResponse> GetAsync(Persona persona, string path)
    {
        using var request = Request(HttpMethod.Get, persona, path);
        return await SendAsync(request);
    }

    /// <summary>Posts the form with <paramref name="token"/>, as the page's form sends it: urlencoded, or multipart when it carries a file.</summary>
    public async Task<PageResponse> PostAsync(Persona persona, string path, PageForm form, string token)
    {
        using var request = Request(HttpMethod.Post, persona, path);
        request.Content = form.File is null ? new FormUrlEncodedContent(form.Fields.Prepend(new(TokenField, token))) : Multipart(form, token);
        return await SendAsync(request);
    }

    /// <summary>
    /// The antiforgery token of the form on <paramref name="formPath"/> as <paramref name="persona"/> sees it; for someone
    /// that page shows no form, the token of a page they can open (the list of communications, or the sign-in page).
    /// </summary>
    public async Task<string> TokenAsync(Persona persona, string formPath)
    {
        if (_tokens.TryGetValue((persona, formPath), out var known))
        {
            return known;
        }
        var found = FormToken().Match((await GetAsync(persona, formPath)).Body);
        var token = found.Success ? WebUtility.HtmlDecode(found.Groups[1].Value) : await TokenAsync(persona, persona.Anonymous ? "/signin" : "/");
        _tokens[(persona, formPath)] = token;
        return token;
    }

    private async Task<string> OpenSignInAsync(Persona persona)
    {
        using var response = await _client.GetAsync("/signin");
        _cookies[persona] = string.Join("; ", CookiesSet(response));
        var token = FormToken().Match(await response.Content.ReadAsStringAsync());
        Assert.True(token.Success, "The sign-in page has no antiforgery token.");
        return token.Groups[1].Value;
    }

    private HttpRequestMessage Request(HttpMethod method, Persona persona, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", _cookies[persona]);
        return request;
    }

    private async Task<PageResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await _client.SendAsync(request);
        return new((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }

    /// <summary>The antiforgery token first, before the file, as the import page reads it.</summary>
    private static MultipartFormDataContent Multipart(PageForm form, string token)
    {
        var content = new MultipartFormDataContent { { new StringContent(token), TokenField } };
        foreach (var (name, value) in form.Fields)
        {
            content.Add(new StringContent(value), name);
        }
        content.Add(new StringContent(form.File!.Text, Encoding.UTF8, "text/csv"), "file", form.File.Name);
        return content;
    }

    private static IEnumerable<string> CookiesSet(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Select(c => c.Split(';')[0]) : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    public void Dispose() => _client.Dispose();
}

/// <summary>The fields a page form sends, and the file it uploads, if any.</summary>
public sealed record PageForm(IReadOnlyDictionary<string, string> Fields, PageFile? File = null)
{
    public static readonly PageForm Empty = new(new Dictionary<string, string>());
}

public sealed record PageFile(string Name, string Text);
