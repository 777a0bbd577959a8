using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Distribution;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Distribution;

internal static class DistributionApi
{
    public const string Header = "email,name,organization,role,tier,deployment,product_version,region,subscribed";

    public static Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv) =>
        client.PostAsync("/api/v1/contacts/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    public static Task<HttpResponseMessage> CreateSegmentAsync(HttpClient client, object segment) =>
        client.PostAsJsonAsync("/api/v1/audiences", segment);

    public static Task<HttpResponseMessage> SetAudienceAsync(HttpClient client, string id, object audience) =>
        client.PutAsJsonAsync($"/api/v1/communications/{id}/audience", audience);

    public static async Task<JsonElement> DispatchAsync(HttpClient client, string dispatchId) =>
        await (await client.GetAsync($"/api/v1/dispatches/{dispatchId}")).JsonAsync();

    public static async Task<JsonElement> DispatchesAsync(HttpClient client, string id) =>
        await (await client.GetAsync($"/api/v1/communications/{id}/dispatches")).JsonAsync();

    /// <summary>Runs the sender once, as the background worker does, until nothing is due.</summary>
    public static async Task<SendResult> SendAsync(this SecCommsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DispatchSender>().SendDueAsync(CancellationToken.None);
    }

    /// <summary>Sends through the SMTP server on <paramref name="port"/>, which need not be listening yet.</summary>
    public static Dictionary<string, string?> SmtpSettings(int port) => new()
    {
        ["Mail:Mode"] = "smtp",
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "none",
        ["Mail:From"] = "Security <security@example.com>",
        ["Mail:Timeout"] = "00:00:05",
        ["SecComms:BaseUrl"] = "https://seccomms.example.com",
    };

    /// <summary>A bug bounty update whose email greets each recipient, approved by a second security engineer and ready to publish.</summary>
    public static async Task<string> ApprovedNoticeAsync(TestUser author, TestUser approver, string? segment = null, bool acknowledge = false)
    {
        var created = await CommunicationsApi.CreateAsync(author.Client, "Bounty scope grows", "bug-bounty-update");
        var id = created.Id();
        await (await CommunicationsApi.ReviseAsync(author.Client, id, 1, new
        {
            title = "Bounty scope grows",
            body = "The bug bounty now covers the mobile apps.",
            emailSubject = "Bug bounty update for {{ organization.name }}",
            emailBody = "Hello {{ recipient.name }},\n\nThe bug bounty now covers the mobile apps.\n",
            shortText = "The bug bounty now covers the mobile apps.",
        })).JsonAsync();
        if (segment is not null)
        {
            await (await SetAudienceAsync(author.Client, id, new { segment, requireAcknowledgement = acknowledge })).JsonAsync();
        }
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(author.Client, id)).JsonAsync();
        var current = await (await author.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        await (await WorkflowApi.DecideAsync(approver.Client, id, "approve", current.Hash())).JsonAsync(HttpStatusCode.Created);
        return id;
    }

    public static async Task<string> PublishAsync(HttpClient client, string id)
    {
        var published = await (await WorkflowApi.PublishAsync(client, id)).JsonAsync();
        Assert.Equal("published", published.GetProperty("status").GetString());
        return (await DispatchesAsync(client, id))[0].GetProperty("id").GetString()!;
    }

    public static HttpStatusCode Status(this HttpResponseMessage response) => response.StatusCode;
}
