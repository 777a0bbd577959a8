using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Core.Exceptions;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Disclosure;

internal static class DisclosureApi
{
    public static async Task<string> CreateReleaseAsync(HttpClient client, string title = "18.4.2, 18.3.5, 18.2.9", string kind = "planned") =>
        (await (await client.PostJsonAsync("/api/v1/releases", new { title, kind })).JsonAsync(HttpStatusCode.Created)).Id();

    public static async Task PublishReleaseAsync(HttpClient client, string releaseId) =>
        await (await client.PostAsync($"/api/v1/releases/{releaseId}/publish", null)).JsonAsync();

    public static Task<HttpResponseMessage> LinkAsync(HttpClient client, string id, string? releaseId = null, string? incidentId = null,
        DateTimeOffset? embargoUntil = null) =>
        client.PutAsJsonAsync($"/api/v1/communications/{id}/links", new { releaseId, incidentId, embargoUntil });

    /// <summary>Ships the fix a security release communication waits for: a published release, linked.</summary>
    public static async Task ShipFixAsync(HttpClient client, string id)
    {
        var release = await CreateReleaseAsync(client);
        await PublishReleaseAsync(client, release);
        await (await LinkAsync(client, id, release)).JsonAsync();
    }

    public static Task<HttpResponseMessage> PublishAsync(HttpClient client, string id, Guid? exceptionId) =>
        client.PostJsonAsync($"/api/v1/communications/{id}/publish", new { exceptionId });

    /// <summary>A security release communication approved by security, its fix not yet shipped.</summary>
    public static async Task<string> ApprovedNoticeAsync(TestUser author, TestUser approver, string category = "security-release")
    {
        var created = await CommunicationsApi.CreateAsync(author.Client, "Security release 18.4.2", category);
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(author.Client, created.Id())).JsonAsync();
        await (await WorkflowApi.DecideAsync(approver.Client, created.Id(), "approve", created.Hash())).JsonAsync(HttpStatusCode.Created);
        return created.Id();
    }

    /// <summary>
    /// The approver reads the communication again and approves what it now is: links, an embargo and an audience are part
    /// of what an approval covers, so changing them after an approval returns it to review.
    /// </summary>
    public static async Task ReapproveAsync(TestUser approver, string id)
    {
        Assert.Equal("in-review", await WorkflowApi.StatusAsync(approver.Client, id));
        var current = await (await approver.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        await (await WorkflowApi.DecideAsync(approver.Client, id, "approve", current.Hash())).JsonAsync(HttpStatusCode.Created);
    }

    /// <summary>
    /// Puts an exception in the register as it stands after its approval, for the gates to read; the register's own
    /// request and approval flow is tested with the register.
    /// </summary>
    public static async Task<Guid> RegisterExceptionAsync(SecCommsApp app, string communicationId, string[] gates, ExceptionStatus status = ExceptionStatus.Approved,
        int days = 7)
    {
        await using var db = app.Database.CreateContext();
        var now = app.Time.GetUtcNow();
        var number = db.PolicyExceptions.Select(e => (int?)e.Number).Max() ?? 0;
        var requester = db.Users.First().Id;
        var entry = new PolicyExceptionEntry
        {
            Number = number + 1,
            Rule = "Disclosure before the fix ships",
            CommunicationId = Guid.Parse(communicationId),
            Gates = [.. gates],
            Justification = "The vulnerability is being exploited; customers need the mitigation now.",
            AlternativesConsidered = "Waiting for the release, which is three days out.",
            CompensatingControls = "The notice gives the mitigation only, no exploit detail.",
            Risk = RiskRating.High,
            PeriodDays = days,
            RequestedById = requester,
            RequestedAt = now,
            Status = status,
            DecidedById = status == ExceptionStatus.Requested ? null : requester,
            DecidedAt = status == ExceptionStatus.Requested ? null : now,
            ExpiresAt = status == ExceptionStatus.Requested ? null : now.AddDays(days),
            UpdatedAt = now,
        };
        db.PolicyExceptions.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }

    public static IEnumerable<(string Gate, bool Passed)> Gates(this JsonElement view) =>
        view.GetProperty("gates").EnumerateArray().Select(g => (g.GetProperty("gate").GetString() ?? "", g.GetProperty("passed").GetBoolean()));
}
