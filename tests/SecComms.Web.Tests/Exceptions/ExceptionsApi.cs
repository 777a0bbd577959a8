using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Exceptions;
using SecComms.Core.Notifications;
using SecComms.Core.Policy;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Exceptions;

internal static class ExceptionsApi
{
    /// <summary>Turns the background sweep off, so a test decides when the sweep runs.</summary>
    public static readonly IReadOnlyDictionary<string, string?> NoBackgroundSweep = new Dictionary<string, string?>
    {
        ["Exceptions:SweepInterval"] = "00:00:00",
    };

    /// <summary>A complete, valid request body; tests change or remove one field at a time.</summary>
    public static Dictionary<string, object?> Request(string? communicationId = null, string[]? gates = null, int periodDays = 30, string risk = "high") => new()
    {
        ["rule"] = "Disclosure only after the fix is released",
        ["communicationId"] = communicationId,
        ["gates"] = gates,
        ["justification"] = "The vulnerability is exploited in the wild; customers need the mitigation before the patch ships.",
        ["alternativesConsidered"] = "Waiting for the release (eight days) and private notice to the largest customers only.",
        ["compensatingControls"] = "The advisory gives the mitigation only, no exploit details; incident response watches for abuse.",
        ["risk"] = risk,
        ["periodDays"] = periodDays,
    };

    public static async Task<JsonElement> CreateAsync(HttpClient client, Dictionary<string, object?>? body = null) =>
        await (await client.PostAsJsonAsync("/api/v1/exceptions", body ?? Request())).JsonAsync(HttpStatusCode.Created);

    public static async Task<JsonElement> GetAsync(HttpClient client, string id) =>
        await (await client.GetAsync($"/api/v1/exceptions/{id}")).JsonAsync();

    public static Task<HttpResponseMessage> ApproveAsync(HttpClient client, string id, string? comment = null) =>
        client.PostAsJsonAsync($"/api/v1/exceptions/{id}/approve", new { comment });

    public static Task<HttpResponseMessage> RejectAsync(HttpClient client, string id, string? reason) =>
        client.PostAsJsonAsync($"/api/v1/exceptions/{id}/reject", new { reason });

    public static Task<HttpResponseMessage> RevokeAsync(HttpClient client, string id, string? reason) =>
        client.PostAsJsonAsync($"/api/v1/exceptions/{id}/revoke", new { reason });

    public static Task<HttpResponseMessage> ExtendAsync(HttpClient client, string id, int periodDays = 30) =>
        client.PostAsJsonAsync($"/api/v1/exceptions/{id}/extend", new
        {
            justification = "The release slipped by two weeks.",
            alternativesConsidered = "None that protects customers sooner.",
            compensatingControls = "As before.",
            risk = "high",
            periodDays,
        });

    /// <summary>Requests an exception as <paramref name="requester"/> and has <paramref name="approver"/> approve it.</summary>
    public static async Task<JsonElement> ApprovedAsync(HttpClient requester, HttpClient approver, Dictionary<string, object?>? body = null)
    {
        var created = await CreateAsync(requester, body);
        return await (await ApproveAsync(approver, created.Id())).JsonAsync();
    }

    public static async Task<string[]> ReferencesAsync(HttpClient client, string query = "")
    {
        var page = await (await client.GetAsync("/api/v1/exceptions" + query)).JsonAsync();
        return [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("reference").GetString() ?? "")];
    }

    public static string Status(this JsonElement entry) => entry.GetProperty("status").GetString() ?? "";

    /// <summary>Runs the expiry and reminder sweep now, as the background service does every minute.</summary>
    public static async Task<SweepResult> SweepAsync(this SecCommsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ExceptionSweep>().RunAsync(CancellationToken.None);
        Assert.Empty(result.Failures);
        return result;
    }

    /// <summary>The queued notifications whose key starts with <paramref name="prefix"/>, by recipient.</summary>
    public static async Task<List<Notification>> NotificationsAsync(this SecCommsApp app, string prefix)
    {
        await using var db = app.Database.CreateContext();
        return [.. (await db.Notifications.AsNoTracking().ToListAsync()).Where(n => n.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(n => n.Recipient, StringComparer.Ordinal)];
    }

    public static async Task<ExceptionStatus> StoredStatusAsync(this SecCommsApp app, string id)
    {
        await using var db = app.Database.CreateContext();
        return (await db.PolicyExceptions.AsNoTracking().SingleAsync(e => e.Id == Guid.Parse(id))).Status;
    }

    /// <summary>Every exception, audit event and notification, so a test can show that a refused request changed nothing.</summary>
    public static async Task<(string Entries, int Events, int Notifications)> ExceptionSnapshotAsync(this SecCommsApp app)
    {
        await using var db = app.Database.CreateContext();
        var entries = (await db.PolicyExceptions.AsNoTracking().OrderBy(e => e.Number).ToListAsync())
            .Select(e => $"{e.Reference}:{e.Status}:{e.ExpiresAt:O}:{e.DecidedById}:{e.RevokedById}");
        return (string.Join(",", entries), await db.AuditEvents.CountAsync(), await db.Notifications.CountAsync());
    }

    /// <summary>The data of each audit event of <paramref name="action"/> on the exception, oldest first.</summary>
    public static async Task<List<JsonElement>> AuditAsync(HttpClient security, string id, string action)
    {
        var page = await (await security.GetAsync($"/api/v1/audit?entity=exception:{id}&action={action}")).JsonAsync();
        return [.. page.GetProperty("items").EnumerateArray().Select(e =>
        {
            var data = JsonDocument.Parse(e.GetProperty("data").GetString() ?? "").RootElement;
            Assert.False(string.IsNullOrEmpty(data.GetProperty("policyHash").GetString()));
            return e;
        })];
    }

    public static JsonElement Data(this JsonElement auditEvent) => JsonDocument.Parse(auditEvent.GetProperty("data").GetString() ?? "").RootElement;

    /// <summary>Puts in force the default policy with other exception approver teams, as an administrator would.</summary>
    public static async Task SetApproversAsync(HttpClient admin, string teams)
    {
        var yaml = PolicyLoader.DefaultYaml().Replace("approvers: [security]", $"approvers: [{teams}]", StringComparison.Ordinal);
        (await admin.PutAsync("/api/v1/policy", new StringContent(yaml, Encoding.UTF8, "application/yaml"))).EnsureSuccessStatusCode();
    }
}
