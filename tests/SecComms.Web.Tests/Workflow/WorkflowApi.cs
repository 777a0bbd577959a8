using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecComms.Testing;

namespace SecComms.Web.Tests.Workflow;

internal static class WorkflowApi
{
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string id) =>
        client.PostAsync($"/api/v1/communications/{id}/submit", null);

    /// <summary>Answers the SAFE questions; by default with no risk flagged.</summary>
    public static Task<HttpResponseMessage> SafeAsync(HttpClient client, string id, bool sensitive = false, bool accurate = true,
        bool financial = false, bool effect = false, string? notes = null) =>
        client.PutAsJsonAsync($"/api/v1/communications/{id}/safe", new { sensitive, accurate, financial, effect, notes });

    /// <summary>Answers the SAFE questions with no risk flagged, then submits: what a public communication needs for review.</summary>
    public static async Task<HttpResponseMessage> AnswerSafeAndSubmitAsync(HttpClient client, string id)
    {
        await (await SafeAsync(client, id)).JsonAsync();
        return await SubmitAsync(client, id);
    }

    public static Task<HttpResponseMessage> DecideAsync(HttpClient client, string id, string decision, string? packageHash,
        string? stage = null, string? comment = null) =>
        client.PostAsJsonAsync($"/api/v1/communications/{id}/approvals", new { stage, decision, packageHash, comment });

    public static Task<HttpResponseMessage> PublishAsync(HttpClient client, string id) =>
        client.PostAsync($"/api/v1/communications/{id}/publish", null);

    public static async Task<JsonElement> RequirementsAsync(HttpClient client, string id) =>
        await (await client.GetAsync($"/api/v1/communications/{id}/requirements")).JsonAsync();

    public static async Task<string> StatusAsync(HttpClient client, string id) =>
        (await (await client.GetAsync($"/api/v1/communications/{id}")).JsonAsync()).GetProperty("status").GetString() ?? "";

    /// <summary>The package hash a reader of the communication is shown and decides on.</summary>
    public static string Hash(this JsonElement communication) =>
        communication.GetProperty("packageHash").GetString() ?? "";

    /// <summary>The audit trail, every approval and SAFE answer, so a test can show that a refused request changed nothing.</summary>
    public static async Task<(int Events, int Approvals, string Statuses, string Safe)> SnapshotAsync(this SecCommsApp app)
    {
        await using var db = app.Database.CreateContext();
        var statuses = await db.Communications.OrderBy(c => c.Number).Select(c => c.Status + "@" + c.CurrentRevision).ToListAsync();
        var safe = (await db.SafeChecks.ToListAsync())
            .Select(s => $"{s.CommunicationId}:{s.Sensitive}/{s.Accurate}/{s.Financial}/{s.Effect}/{s.Notes}@{s.RevisionNumber}").Order(StringComparer.Ordinal);
        return (await db.AuditEvents.CountAsync(), await db.Approvals.CountAsync(), string.Join(",", statuses), string.Join(",", safe));
    }
}
