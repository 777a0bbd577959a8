using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Pages;

namespace SecComms.Web.Tests.Distribution;

public sealed class WebhookDeliveryLogTests
{
    [Fact]
    public async Task The_delivery_log_keeps_the_class_of_a_failure_never_what_the_receiver_answered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerWith(403, "secret-internal");
        await using var app = await SecCommsApp.StartAsync("sqlite", WebhookReceiver.AllowingLoopback());
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var webhook = await (await alice.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = "Inventory", url = receiver.Url("/inventory"), categories = new[] { "media-engagement" } }))
            .JsonAsync(HttpStatusCode.Created);
        var id = webhook.GetProperty("id").GetString();
        await WebhookStory.PublishConfidentialAsync(app, "canary");

        var sent = await app.SendWebhooksAsync();

        Assert.Equal((0, 0, 1), (sent.Sent, sent.Deferred, sent.Failed));
        Assert.Single(receiver.Requests);
        var api = await (await alice.Client.GetAsync($"/api/v1/webhooks/{id}/deliveries")).Content.ReadAsStringAsync();
        var page = await sam.GetHtmlAsync($"/webhooks/{id}");
        var list = await (await alice.Client.GetAsync("/api/v1/webhooks")).Content.ReadAsStringAsync();
        foreach (var shown in new[] { api, page, list })
        {
            Assert.DoesNotContain("secret-internal", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("Forbidden", shown, StringComparison.Ordinal);
        }
        Assert.Contains("\"failure\":\"client-error\"", api, StringComparison.Ordinal);
        Assert.DoesNotContain("responseStatus", api, StringComparison.Ordinal);
        Assert.Contains("Refused by the receiver (4xx)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_fails_the_event()
    {
        await using var elsewhere = new ConnectionCounter();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerWith(307, "", $"http://127.0.0.1:{elsewhere.Port}/inside");
        await using var app = await SecCommsApp.StartAsync("sqlite", WebhookReceiver.AllowingLoopback());
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var webhook = await (await alice.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = "Moved", url = receiver.Url("/moved"), categories = new[] { "media-engagement" } }))
            .JsonAsync(HttpStatusCode.Created);
        await WebhookStory.PublishConfidentialAsync(app, "canary");

        var sent = await app.SendWebhooksAsync();

        Assert.Equal((0, 0, 1), (sent.Sent, sent.Deferred, sent.Failed));
        Assert.Equal(0, elsewhere.Accepted);
        var delivery = (await (await alice.Client.GetAsync($"/api/v1/webhooks/{webhook.GetProperty("id").GetString()}/deliveries")).JsonAsync())[0];
        Assert.Equal("redirect", delivery.GetProperty("failure").GetString());
    }

    [Fact]
    public async Task A_receiver_that_fails_is_tried_again_and_its_failure_is_cleared_once_it_takes_the_event()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerWith(502, "upstream db-7.corp is down");
        await using var app = await SecCommsApp.StartAsync("sqlite", WebhookReceiver.AllowingLoopback());
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var webhook = await (await alice.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = "Flaky", url = receiver.Url("/flaky"), categories = new[] { "media-engagement" } }))
            .JsonAsync(HttpStatusCode.Created);
        var deliveries = $"/api/v1/webhooks/{webhook.GetProperty("id").GetString()}/deliveries";
        await WebhookStory.PublishConfidentialAsync(app, "canary");

        Assert.Equal(1, (await app.SendWebhooksAsync()).Deferred);
        var deferred = await (await alice.Client.GetAsync(deliveries)).Content.ReadAsStringAsync();
        receiver.AnswerWith(204, "");
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await app.SendWebhooksAsync()).Sent);
        var delivered = (await (await alice.Client.GetAsync(deliveries)).JsonAsync())[0];

        Assert.Contains("\"failure\":\"server-error\"", deferred, StringComparison.Ordinal);
        Assert.DoesNotContain("db-7.corp", deferred, StringComparison.Ordinal);
        Assert.Equal(("sent", 2, JsonValueKind.Null),
            (delivered.GetProperty("status").GetString(), delivered.GetProperty("attempts").GetInt32(), delivered.GetProperty("failure").ValueKind));
    }
}
