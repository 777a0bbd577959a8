using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Distribution;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Notifications;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Distribution;

/// <remarks>
/// Each confidential text carries a canary, so a test can show it reached no one who gets a 404 on the communication.
/// </remarks>
public sealed class ConfidentialSendsTests
{
    private const string Canary = "canary-7f3e1d";

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_confidential_test_send_reaches_only_the_approvers_who_may_read_it(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        await app.AddUserAsync("sam@example.com", ["security"]);
        await app.AddUserAsync("lee@example.com", ["legal"]);
        var outsiders = new[]
        {
            await app.AddUserAsync("leo@example.com", ["legal"]),
            await app.AddUserAsync("pat@example.com", ["product"]),
            await app.AddUserAsync("mo@example.com", ["corporate-marketing"]),
            await app.AddUserAsync("sue@example.com", ["support"]),
        };
        var incident = await CommunicationsApi.CreateAsync(alice.Client, "Data exposure", "incident-response", participants: ["lee@example.com"]);
        var id = incident.Id();
        await (await CommunicationsApi.ReviseAsync(alice.Client, id, 1, new
        {
            emailSubject = $"Breach at Acme Corp ({Canary})",
            emailBody = $"Hello,\n\nAcme Corp's records were exposed ({Canary}).\n",
        })).JsonAsync();

        var test = await (await alice.Client.PostAsync($"/api/v1/communications/{id}/test-send", null)).JsonAsync(HttpStatusCode.Created);
        await app.SendAsync();
        var mail = await app.ReadMailAsync();

        Assert.Equal(3, test.GetProperty("recipients").GetInt32());
        Assert.Equal(["alice@example.com", "lee@example.com", "sam@example.com"], mail.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(mail, m => Assert.Equal($"[TEST] Breach at Acme Corp ({Canary})", m.Subject));
        foreach (var outsider in outsiders)
        {
            await (await outsider.Client.GetAsync($"/api/v1/communications/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.DoesNotContain(mail, m => m.To == outsider.Email);
        }
        Assert.DoesNotContain(mail, m => outsiders.Any(o => o.Email == m.To) && (m.Subject + m.Body).Contains(Canary, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_test_send_also_reaches_the_teams_whose_stages_the_SAFE_answers_add(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        await app.AddUserAsync("lee@example.com", ["legal"]);
        await app.AddUserAsync("pat@example.com", ["product"]);
        var id = (await CommunicationsApi.CreateAsync(alice.Client, "Bounty scope grows", "bug-bounty-update")).Id();
        await (await WorkflowApi.SafeAsync(alice.Client, id, financial: true)).JsonAsync();

        await (await alice.Client.PostAsync($"/api/v1/communications/{id}/test-send", null)).JsonAsync(HttpStatusCode.Created);
        await app.SendAsync();

        Assert.Equal(["alice@example.com", "lee@example.com"], (await app.ReadMailAsync()).Select(m => m.To).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_webhook_whose_owner_may_not_read_a_confidential_publication_hears_of_it_by_reference_and_category_only(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await SecCommsApp.StartAsync(provider, WebhookReceiver.AllowingLoopback());
        var ada = await app.AddUserAsync("ada@example.com", ["support"], UserRole.Admin);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var max = await app.AddUserAsync("max@example.com", ["corporate-marketing"]);
        foreach (var (name, path, format, categories) in new[]
        {
            ("Status page", "/status", "json", new[] { "media-engagement" }),
            ("Chat", "/chat", "slack", new[] { "media-engagement" }),
            ("Everything public", "/everything", "json", Array.Empty<string>()),
        })
        {
            await (await ada.Client.PostAsJsonAsync("/api/v1/webhooks", new { name, url = receiver.Url(path), format, categories })).JsonAsync(HttpStatusCode.Created);
        }
        var created = await CommunicationsApi.CreateAsync(mo.Client, $"Interview on the Acme breach ({Canary})", "media-engagement", participants: ["max@example.com"]);
        var id = created.Id();
        Assert.True(created.GetProperty("confidential").GetBoolean());
        var revised = await (await CommunicationsApi.ReviseAsync(mo.Client, id, 1, new
        {
            body = $"Key messages: Acme Corp's records were exposed ({Canary}).",
            shortText = $"We spoke about the Acme breach ({Canary}).",
        })).JsonAsync();
        await (await WorkflowApi.SubmitAsync(mo.Client, id)).JsonAsync();
        await (await WorkflowApi.DecideAsync(max.Client, id, "approve", revised.Hash())).JsonAsync(HttpStatusCode.Created);
        await (await WorkflowApi.PublishAsync(mo.Client, id)).JsonAsync();
        var reference = created.GetProperty("reference").GetString();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(2, (await scope.ServiceProvider.GetRequiredService<WebhookSender>().SendDueAsync(CancellationToken.None)).Sent);
        }

        var requests = receiver.Requests.ToList();
        Assert.Equal(["/chat", "/status"], requests.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.All(requests, r => Assert.DoesNotContain(Canary, r.Body, StringComparison.Ordinal));
        var status = JsonDocument.Parse(requests.Single(r => r.Path == "/status").Body).RootElement;
        Assert.Equal("communication.published", status.GetProperty("event").GetString());
        Assert.Equal(JsonValueKind.String, status.GetProperty("at").ValueKind);
        var communication = status.GetProperty("communication");
        Assert.Equal(["category", "confidential", "reference"], communication.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(reference, communication.GetProperty("reference").GetString());
        Assert.Equal("media-engagement", communication.GetProperty("category").GetString());
        var chat = JsonDocument.Parse(requests.Single(r => r.Path == "/chat").Body).RootElement;
        Assert.Equal($"*{reference} published:* a confidential media-engagement communication; its text is only in SecComms.", chat.GetProperty("text").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_webhook_carries_a_confidential_publication_only_if_its_owner_may_read_it_and_is_not_disabled(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await SecCommsApp.StartAsync(provider, WebhookReceiver.AllowingLoopback());
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var ada = await app.AddUserAsync("ada@example.com", ["support"], UserRole.Admin);
        var tom = await app.AddUserAsync("tom@example.com", ["security"]);
        foreach (var (owner, path, format) in new[] { (sam, "/sam", "json"), (sam, "/sam-chat", "slack"), (ada, "/ada", "json"), (tom, "/tom", "json") })
        {
            await (await owner.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = path, url = receiver.Url(path), format, categories = new[] { "media-engagement" } }))
                .JsonAsync(HttpStatusCode.Created);
        }
        await WebhookStory.StoreAsync(app, "/unowned", receiver.Url("/unowned"), "media-engagement");
        await using (var db = app.Database.CreateContext())
        {
            (await db.Users.SingleAsync(u => u.Id == tom.Id)).Disabled = true;
            await db.SaveChangesAsync();
        }
        var reference = await WebhookStory.PublishConfidentialAsync(app, Canary);

        Assert.Equal(5, (await app.SendWebhooksAsync()).Sent);

        var bodies = receiver.Requests.ToDictionary(r => r.Path, r => r.Body);
        var told = JsonDocument.Parse(bodies["/sam"]).RootElement.GetProperty("communication");
        Assert.Equal((reference, $"Interview on the Acme breach ({Canary})", $"We spoke about the Acme breach ({Canary}).", true, JsonValueKind.Null),
            (told.GetProperty("reference").GetString(), told.GetProperty("title").GetString(), told.GetProperty("summary").GetString(),
                told.GetProperty("confidential").GetBoolean(), told.GetProperty("url").ValueKind));
        Assert.StartsWith($"*{reference} published:* Interview on the Acme breach ({Canary})",
            JsonDocument.Parse(bodies["/sam-chat"]).RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        foreach (var withheld in new[] { "/ada", "/tom", "/unowned" })
        {
            Assert.DoesNotContain(Canary, bodies[withheld], StringComparison.Ordinal);
            var communication = JsonDocument.Parse(bodies[withheld]).RootElement.GetProperty("communication");
            Assert.Equal(["category", "confidential", "reference"], communication.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }
        var owners = (await (await sam.Client.GetAsync("/api/v1/webhooks")).JsonAsync()).EnumerateArray()
            .ToDictionary(w => w.GetProperty("name").GetString() ?? "", w => w.GetProperty("owner"));
        Assert.Equal("sam@example.com", owners["/sam"].GetProperty("email").GetString());
        Assert.Equal(("ada@example.com", false), (owners["/ada"].GetProperty("email").GetString(), owners["/ada"].GetProperty("disabled").GetBoolean()));
        Assert.Equal(("tom@example.com", true), (owners["/tom"].GetProperty("email").GetString(), owners["/tom"].GetProperty("disabled").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, owners["/unowned"].ValueKind);
    }
}
