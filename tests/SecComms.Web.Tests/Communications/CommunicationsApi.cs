using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Web.Tests.Communications;

internal static class CommunicationsApi
{
    /// <summary>Creates a communication whose body and email body say something beyond the category's template.</summary>
    public static async Task<JsonElement> CreateAsync(HttpClient client, string title, string category = "security-release",
        bool? confidential = null, string[]? participants = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/communications",
            new { category, title, confidential, participants, content = WrittenContent.For(title) });
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    public static Task<HttpResponseMessage> ReviseAsync(HttpClient client, string id, int revision, object content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/communications/{id}/content") { Content = JsonContent.Create(content) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"rev-{revision}\"");
        return client.SendAsync(request);
    }

    public static string Id(this JsonElement communication) => communication.GetProperty("id").GetString() ?? "";

    public static JsonElement Content(this JsonElement communication) => communication.GetProperty("revision").GetProperty("content");
}
