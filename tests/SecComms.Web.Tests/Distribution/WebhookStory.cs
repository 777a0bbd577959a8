using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Distribution;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Distribution;

/// <summary>What the webhook tests share: a confidential publication, a webhook saved before the address rule, one send.</summary>
internal static class WebhookStory
{
    /// <summary>
    /// Publishes a confidential media engagement (its title, summary and text carrying <paramref name="canary"/>) written by
    /// mo and approved by max, both in corporate-marketing; returns its reference.
    /// </summary>
    public static async Task<string> PublishConfidentialAsync(SecCommsApp app, string canary)
    {
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var max = await app.AddUserAsync("max@example.com", ["corporate-marketing"]);
        var created = await CommunicationsApi.CreateAsync(mo.Client, $"Interview on the Acme breach ({canary})", "media-engagement", participants: ["max@example.com"]);
        var id = created.Id();
        Assert.True(created.GetProperty("confidential").GetBoolean());
        var revised = await (await CommunicationsApi.ReviseAsync(mo.Client, id, 1, new
        {
            body = $"Key messages: Acme Corp's records were exposed ({canary}).",
            shortText = $"We spoke about the Acme breach ({canary}).",
        })).JsonAsync();
        await (await WorkflowApi.SubmitAsync(mo.Client, id)).JsonAsync();
        await (await WorkflowApi.DecideAsync(max.Client, id, "approve", revised.Hash())).JsonAsync(HttpStatusCode.Created);
        await (await WorkflowApi.PublishAsync(mo.Client, id)).JsonAsync();
        return created.GetProperty("reference").GetString() ?? "";
    }

    /// <summary>A webhook as one saved before addresses were checked and owners kept: written straight to the database.</summary>
    public static async Task<Guid> StoreAsync(SecCommsApp app, string name, string url, params string[] categories)
    {
        await using var db = app.Database.CreateContext();
        var webhook = new Webhook { Name = name, Url = url, Secret = new string('0', 64), Categories = [.. categories], CreatedAt = app.Time.GetUtcNow(), UpdatedAt = app.Time.GetUtcNow() };
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync();
        return webhook.Id;
    }

    /// <summary>One run of the webhook sender, as the background worker does it.</summary>
    public static async Task<SendResult> SendWebhooksAsync(this SecCommsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebhookSender>().SendDueAsync(CancellationToken.None);
    }
}
