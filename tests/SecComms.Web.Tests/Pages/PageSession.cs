using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using SecComms.Testing;

namespace SecComms.Web.Tests.Pages;

/// <summary>A browser-like HTTP client for the server-rendered pages: it keeps cookies and fills in the antiforgery token.</summary>
internal sealed partial class PageSession(HttpClient client)
{
    public const string Password = "correct horse battery staple";

    public HttpClient Client { get; } = client;

    public static PageSession Anonymous(SecCommsApp app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    /// <summary>A new browser, with no cookies, at <paramref name="clientAddress"/>.</summary>
    public static PageSession At(SecCommsApp app, string clientAddress) => Anonymous(app).MovedTo(clientAddress);

    /// <summary>This browser, with its cookies, now connecting from <paramref name="clientAddress"/>.</summary>
    public PageSession MovedTo(string clientAddress)
    {
        Client.DefaultRequestHeaders.Remove(SecCommsApp.ClientAddressHeader);
        Client.DefaultRequestHeaders.Add(SecCommsApp.ClientAddressHeader, clientAddress);
        return this;
    }

    public static async Task<PageSession> SignInAsync(SecCommsApp app, string email, string password = Password)
    {
        var session = Anonymous(app);
        var response = await session.SubmitAsync("/signin", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    /// <summary>Adds a person with a password and signs them in.</summary>
    public static async Task<PageSession> AddAndSignInAsync(SecCommsApp app, string email, string[] teams)
    {
        await app.AddUserAsync(email, teams, password: Password);
        return await SignInAsync(app, email);
    }

    public async Task<string> GetHtmlAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}: {html}");
        return html;
    }

    /// <summary>Loads the form at <paramref name="formUrl"/> and posts the fields with its antiforgery token, as a browser would.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string formUrl, Dictionary<string, string> fields, string? action = null)
    {
        var form = await GetHtmlAsync(formUrl);
        var token = AntiforgeryToken().Match(form);
        Assert.True(token.Success, $"No antiforgery token on {formUrl}");
        fields["__RequestVerificationToken"] = token.Groups[1].Value;
        return await Client.PostAsync(action ?? formUrl, new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token of the form at <paramref name="formUrl"/>, for a request the test builds itself.</summary>
    public async Task<string> AntiforgeryTokenAsync(string formUrl)
    {
        var token = AntiforgeryToken().Match(await GetHtmlAsync(formUrl));
        Assert.True(token.Success, $"No antiforgery token on {formUrl}");
        return token.Groups[1].Value;
    }

    public static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
