using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Web.Tests.Pages;

/// <summary>Organizations, contacts and segments put in place through the API, for the pages to show.</summary>
internal static class AudienceSetup
{
    public static async Task OrganizationAsync(HttpClient client, string name, string tier = "enterprise", string deployment = "self-managed",
        string productVersion = "16.4.2", string region = "eu") =>
        await (await client.PostJsonAsync("/api/v1/organizations", new { name, tier, deployment, productVersion, region })).JsonAsync(HttpStatusCode.Created);

    public static async Task ContactAsync(HttpClient client, string email, string organization, bool subscribed = true) =>
        await (await client.PostJsonAsync("/api/v1/contacts", new { email, name = email.Split('@')[0], organization, subscribed })).JsonAsync();

    public static async Task SegmentAsync(HttpClient client, string key, bool mandatory = false, string[]? tiers = null) =>
        await (await client.PostJsonAsync("/api/v1/audiences", new { key, name = $"Segment {key}", mandatory, tiers })).JsonAsync(HttpStatusCode.Created);

    /// <summary>How many items a list endpoint answers: an array's length, or a page's total.</summary>
    public static async Task<int> CountAsync(HttpClient client, string url)
    {
        var answer = await client.GetFromJsonAsync<JsonElement>(url);
        return answer.ValueKind == JsonValueKind.Array ? answer.GetArrayLength() : answer.GetProperty("total").GetInt32();
    }

    /// <summary>Posts a CSV file to the import page as its form does: the antiforgery token first, then the file.</summary>
    public static async Task<HttpResponseMessage> ImportAsync(PageSession session, string csv, string fileName = "contacts.csv", bool withToken = true)
    {
        using var content = new MultipartFormDataContent();
        if (withToken)
        {
            content.Add(new StringContent(await session.AntiforgeryTokenAsync("/audiences/import")), "__RequestVerificationToken");
        }
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new("text/csv") } }, "file", fileName);
        return await session.Client.PostAsync("/audiences/import", content);
    }
}
