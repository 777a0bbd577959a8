using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Incidents;
using SecComms.Testing;

namespace SecComms.Web.Tests.Incidents;

internal static class IncidentApi
{
    public static Task<HttpResponseMessage> OpenAsync(HttpClient client, object request) => client.PostAsJsonAsync("/api/v1/incidents", request);

    public static async Task<JsonElement> OpenedAsync(HttpClient client, object request) =>
        await (await OpenAsync(client, request)).JsonAsync(HttpStatusCode.Created);

    public static async Task<IReadOnlyDictionary<string, JsonElement>> ClocksAsync(HttpClient client, string incident) =>
        (await (await client.GetAsync($"/api/v1/incidents/{incident}/clocks")).JsonAsync()).EnumerateArray()
            .ToDictionary(c => c.GetProperty("key").GetString()!);

    public static Task<HttpResponseMessage> StatusAsync(HttpClient client, string incident, string status, DateTimeOffset? at = null) =>
        client.PostAsJsonAsync($"/api/v1/incidents/{incident}/status", new { status, at });

    public static async Task<JsonElement> DraftAsync(HttpClient client, string incident, string part, string? category = null) =>
        await (await client.PostAsJsonAsync($"/api/v1/incidents/{incident}/messages", new { part, category })).JsonAsync(HttpStatusCode.Created);

    /// <summary>A Support FAQ with every question answered, which an external message about an incident needs before it goes further.</summary>
    public const string AnsweredFaq = "Q: What happened?\nA: Build logs were readable without signing in.\n\nQ: What should I do?\nA: Nothing; no secrets were in them.";

    /// <summary>Gives the message at <paramref name="revision"/> a Support FAQ that answers its questions.</summary>
    public static async Task AnswerFaqAsync(HttpClient client, string message, int revision = 1) =>
        await (await Communications.CommunicationsApi.ReviseAsync(client, message, revision, new { supportFaq = AnsweredFaq })).JsonAsync();

    /// <summary>Records what is due on open incidents, as the deadline clock does every minute.</summary>
    public static async Task<int> SweepAsync(this SecCommsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IncidentSweep>().RunAsync(CancellationToken.None);
    }

    public static string State(this JsonElement clock) => clock.GetProperty("state").GetString() ?? "";

    public static DateTimeOffset Due(this JsonElement clock) => clock.GetProperty("dueAt").GetDateTimeOffset();
}
