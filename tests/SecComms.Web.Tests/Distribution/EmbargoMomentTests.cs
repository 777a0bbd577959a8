using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Distribution;
using SecComms.Testing;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Distribution;

public sealed class EmbargoMomentTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_scheduled_notice_releases_its_page_email_and_webhooks_together_at_the_embargo_once_across_nodes(string provider)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await SecCommsApp.StartAsync(provider, WebhookReceiver.AllowingLoopback(DistributionApi.SmtpSettings(smtp.Port)));
        await using var other = SecCommsApp.StartAnotherNode(app);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var ann = await app.AddUserAsync("ann@example.com", ["security"]);
        await (await DistributionApi.ImportAsync(sam.Client, DistributionApi.Header + "\nada@acme.example,Ada,Acme,,enterprise,,,,yes\n")).JsonAsync();
        await (await DistributionApi.CreateSegmentAsync(sam.Client, new { key = "all", name = "All", mandatory = true })).JsonAsync(HttpStatusCode.Created);
        var json = await (await sam.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = "Status page", url = receiver.Url("/status") })).JsonAsync(HttpStatusCode.Created);
        await (await sam.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = "Chat", url = receiver.Url("/chat"), format = "slack", categories = new[] { "bug-bounty-update" } }))
            .JsonAsync(HttpStatusCode.Created);
        var id = await DistributionApi.ApprovedNoticeAsync(sam, ann, segment: "all");
        var embargo = app.Time.GetUtcNow().AddHours(1);
        await (await sam.Client.PostAsJsonAsync($"/api/v1/communications/{id}/schedule", new { at = embargo })).JsonAsync();
        var reference = (await (await sam.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync()).GetProperty("reference").GetString();

        // Both nodes run the scheduler, which wakes as their clocks move.
        app.Time.SetUtcNow(embargo.AddSeconds(-1));
        other.Time.SetUtcNow(embargo.AddSeconds(-1));
        Assert.Equal(0, await app.PublishDueAsync());
        Assert.Equal(0, await other.PublishDueAsync());
        Assert.Equal("scheduled", await WorkflowApi.StatusAsync(sam.Client, id));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/advisories/{reference}")).StatusCode);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(0, await db.Dispatches.CountAsync());
            Assert.Equal(0, await db.WebhookDeliveries.CountAsync());
        }

        app.Time.SetUtcNow(embargo);
        other.Time.SetUtcNow(embargo);
        for (var i = 0; i < 100 && await WorkflowApi.StatusAsync(sam.Client, id) != "published"; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal("published", await WorkflowApi.StatusAsync(sam.Client, id));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/advisories/{reference}")).StatusCode);
        await using (var db = app.Database.CreateContext())
        {
            var dispatch = await db.Dispatches.SingleAsync();
            Assert.Equal(embargo, dispatch.CreatedAt);
            Assert.Equal(embargo, (await db.Communications.SingleAsync()).PublishedAt);
            Assert.All(await db.WebhookDeliveries.ToListAsync(), w => Assert.Equal(embargo, w.CreatedAt));
            Assert.Equal(2, await db.WebhookDeliveries.CountAsync());
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "communication.published"));
        }

        receiver.FailNext(1);
        await app.SendAsync();
        var first = await SendWebhooksAsync(app);
        Assert.Equal((1, 1), (first.Sent, first.Deferred));
        app.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, (await SendWebhooksAsync(app)).Sent);

        Assert.Single(smtp.Received);
        var requests = receiver.Requests.ToList();
        Assert.Equal(3, requests.Count);
        var status = requests.Last(r => r.Path == "/status");
        var secret = json.GetProperty("secret").GetString()!;
        Assert.Equal(WebhookSender.Signature(secret, status.Headers["X-SecComms-Timestamp"], status.Body), status.Headers["X-SecComms-Signature"]);
        var payload = JsonDocument.Parse(status.Body).RootElement;
        Assert.Equal("communication.published", payload.GetProperty("event").GetString());
        Assert.Equal(reference, payload.GetProperty("communication").GetProperty("reference").GetString());
        Assert.EndsWith($"/advisories/{reference}", payload.GetProperty("communication").GetProperty("url").GetString(), StringComparison.Ordinal);
        var chat = JsonDocument.Parse(requests.Single(r => r.Path == "/chat").Body).RootElement;
        Assert.StartsWith($"*{reference} published:* Bounty scope grows", chat.GetProperty("text").GetString(), StringComparison.Ordinal);
        var deliveries = await (await sam.Client.GetAsync($"/api/v1/webhooks/{json.GetProperty("id").GetString()}/deliveries")).JsonAsync();
        Assert.Equal(2, deliveries[0].GetProperty("attempts").GetInt32());
        Assert.Equal("sent", deliveries[0].GetProperty("status").GetString());
    }

    private static async Task<SendResult> SendWebhooksAsync(SecCommsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebhookSender>().SendDueAsync(CancellationToken.None);
    }
}
