using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SecComms.Testing;

namespace SecComms.Web.Tests.Pages;

public sealed partial class WebhookPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_webhook_is_added_with_its_secret_shown_once_switched_off_and_deleted(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var cat = await PageSession.AddAndSignInAsync(app, "cat@example.com", ["customer-success"]);

        var refused = await sam.SubmitAsync("/webhooks", new() { ["Name"] = "Status page", ["Address"] = "ftp://user:pw@example.com/hook", ["Categories"] = "no-such-category" },
            action: "/webhooks?handler=Create");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusal = await PageSession.TextAsync(refused);
        Assert.Contains("data-valmsg-for=\"Address\" data-valmsg-replace=\"true\">url must be an absolute http or https address without credentials.", refusal, StringComparison.Ordinal);
        Assert.Contains("categories[0] 'no-such-category' is not a category of the policy.", refusal, StringComparison.Ordinal);
        var inside = await PageSession.TextAsync(await sam.SubmitAsync("/webhooks", new() { ["Name"] = "Metadata", ["Address"] = "http://169.254.169.254/latest/meta-data/" },
            action: "/webhooks?handler=Create"));
        Assert.Contains("data-valmsg-for=\"Address\" data-valmsg-replace=\"true\">url leads to 169.254.169.254, a link-local address, which webhooks may not reach unless Webhooks:AllowedInternalHosts allows it.",
            inside, StringComparison.Ordinal);
        Assert.Equal(0, await AudienceSetup.CountAsync(alice.Client, "/api/v1/webhooks"));

        var created = await sam.SubmitAsync("/webhooks", new()
        {
            ["Name"] = "Status page",
            ["Address"] = "https://status.example.com/hooks/seccomms",
            ["Format"] = "Slack",
            ["Categories"] = "security-release",
        }, action: "/webhooks?handler=Create");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.True(created.Headers.CacheControl?.NoStore, "The page with the secret is not stored.");
        var shown = await PageSession.TextAsync(created);
        var secret = Secret().Match(shown);
        Assert.True(secret.Success, "The new webhook's secret is shown.");
        Assert.Contains("Copy the signing secret now", shown, StringComparison.Ordinal);
        Assert.Contains("<td>Slack</td>\n                            <td>Security release</td>\n                            <td>sam@example.com</td>", shown.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        var list = await sam.GetHtmlAsync("/webhooks");
        Assert.DoesNotContain(secret.Groups[1].Value, list, StringComparison.Ordinal);
        Assert.Contains(">Active</span>", list, StringComparison.Ordinal);

        var webhook = (await alice.Client.GetFromJsonAsync<JsonElement>("/api/v1/webhooks"))[0].GetProperty("id").GetString();
        var deactivated = await sam.SubmitAsync("/webhooks", new(), action: $"/webhooks?handler=Deactivate&id={webhook}");

        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        var inactive = WebUtility.HtmlDecode(await sam.GetHtmlAsync("/webhooks"));
        Assert.Contains("The webhook \"Status page\" is inactive: it is told nothing until activated again.", inactive, StringComparison.Ordinal);
        Assert.Contains(">Inactive</span>", inactive, StringComparison.Ordinal);
        Assert.False((await alice.Client.GetFromJsonAsync<JsonElement>("/api/v1/webhooks"))[0].GetProperty("active").GetBoolean());
        Assert.Contains("Nothing has been sent to this webhook yet.", await sam.GetHtmlAsync($"/webhooks/{webhook}"), StringComparison.Ordinal);

        var outsider = await cat.GetHtmlAsync("/webhooks", HttpStatusCode.Forbidden);
        Assert.Contains("Only members of the security team and administrators, with write access, manage webhooks.", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("Status page", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("/webhooks", await cat.GetHtmlAsync("/"), StringComparison.Ordinal);
        var forged = await cat.Client.PostAsync($"/webhooks?handler=Delete&id={webhook}", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(1, await AudienceSetup.CountAsync(alice.Client, "/api/v1/webhooks"));

        var unconfirmed = await sam.SubmitAsync("/webhooks", new(), action: $"/webhooks?handler=Delete&id={webhook}");

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Tick the box to confirm: deleting the webhook cannot be undone.", await PageSession.TextAsync(unconfirmed), StringComparison.Ordinal);
        Assert.Equal(1, await AudienceSetup.CountAsync(alice.Client, "/api/v1/webhooks"));

        var deleted = await sam.SubmitAsync("/webhooks", new() { ["Confirm"] = "true" }, action: $"/webhooks?handler=Delete&id={webhook}");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains("The webhook \"Status page\" was deleted, with its delivery records.", WebUtility.HtmlDecode(await sam.GetHtmlAsync("/webhooks")), StringComparison.Ordinal);
        Assert.Equal(0, await AudienceSetup.CountAsync(alice.Client, "/api/v1/webhooks"));
    }

    [GeneratedRegex("id=\"new-webhook-secret\" class=\"secret\" type=\"text\" value=\"([0-9a-f]{64})\"")]
    private static partial Regex Secret();
}
