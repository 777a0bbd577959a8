using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Identity;
using SecComms.Testing;

namespace SecComms.Web.Tests.Hosting;

public sealed partial class MultiNodeTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_session_started_on_one_node_is_honoured_by_another(string provider)
    {
        await using var first = await SecCommsApp.StartAsync(provider);
        await using var second = SecCommsApp.StartAnotherNode(first);
        var alice = await first.AddUserAsync("alice@example.com", ["security"], password: "correct horse battery staple");
        var options = new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false };

        var signIn = first.CreateClient(options);
        var form = await signIn.GetAsync("/signin");
        var antiforgery = CookieOf(form, ".AspNetCore.Antiforgery");
        var token = TokenField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = "alice@example.com",
                ["Password"] = "correct horse battery staple",
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var signedIn = await signIn.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var elsewhere = new HttpRequestMessage(HttpMethod.Get, "/");
        elsewhere.Headers.Add("Cookie", CookieOf(signedIn, "seccomms="));
        var page = await second.CreateClient(options).SendAsync(elsewhere);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("alice", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var device = Uri.UnescapeDataString(CookieOf(signedIn, "seccomms-device=")["seccomms-device=".Length..]);
        await using (var scope = second.Services.CreateAsyncScope())
        {
            Assert.Equal(alice.Id, scope.ServiceProvider.GetRequiredService<KnownDevices>().UserOf(device));
        }
        await using var db = first.Database.CreateContext();
        Assert.NotEmpty(db.DataProtectionKeys);
    }

    private static string CookieOf(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(name, StringComparison.Ordinal));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
