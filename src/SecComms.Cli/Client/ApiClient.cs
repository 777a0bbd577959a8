using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Cli.Output;

namespace SecComms.Cli.Client;

/// <summary>Calls the SecComms API and turns every failure into a <see cref="CliException"/> that says what went wrong.</summary>
internal sealed class ApiClient(HttpClient http) : IDisposable
{
    private Uri BaseAddress => http.BaseAddress ?? throw new InvalidOperationException("The API client has no base address.");

    /// <summary>GETs <paramref name="path"/> (relative to the server address) and returns the JSON body as sent.</summary>
    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)), cancellationToken);

    /// <summary>POSTs <paramref name="body"/> as JSON (or nothing) to <paramref name="path"/> and returns the JSON answer as sent.</summary>
    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = body is null ? null : JsonContent.Create(body, options: CliJson.Written),
        }, cancellationToken);

    /// <summary>PUTs <paramref name="body"/> as JSON to <paramref name="path"/> and returns the JSON answer as sent.</summary>
    public Task<JsonElement> PutAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, new Uri(path, UriKind.Relative))
        {
            Content = JsonContent.Create(body, options: CliJson.Written),
        }, cancellationToken);

    /// <summary>PATCHes <paramref name="body"/> as JSON to <paramref name="path"/> and returns the JSON answer as sent.</summary>
    public Task<JsonElement> PatchAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Patch, new Uri(path, UriKind.Relative))
        {
            Content = JsonContent.Create(body, options: CliJson.Written),
        }, cancellationToken);

    /// <summary>POSTs <paramref name="content"/> as it is (such as a file streamed as CSV) and returns the JSON answer as sent.</summary>
    public Task<JsonElement> PostContentAsync(string path, HttpContent content, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content }, cancellationToken);

    /// <summary>DELETEs <paramref name="path"/> and returns the JSON answer as sent, for a deletion that answers with what it did.</summary>
    public Task<JsonElement> DeleteJsonAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, new Uri(path, UriKind.Relative)), cancellationToken);

    /// <summary>DELETEs <paramref name="path"/>; the API answers 204 with no body.</summary>
    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(path, UriKind.Relative));
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Refusal(response, await response.Content.ReadAsStringAsync(cancellationToken));
        }
    }

    /// <summary>GETs <paramref name="path"/> and copies the body, as it arrives, to <paramref name="destination"/>; returns the bytes copied.</summary>
    /// <remarks>The body is never held in memory whole, so an export of any size streams.</remarks>
    public async Task<long> DownloadAsync(string path, Stream destination, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Refusal(response, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var counted = new ProgressStream(body);
        await counted.CopyToAsync(destination, cancellationToken);
        return counted.BytesRead;
    }

    /// <summary>GETs <paramref name="path"/> and writes the body, as it arrives, to <paramref name="destination"/>, such as standard output.</summary>
    public async Task DownloadAsync(string path, TextWriter destination, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Refusal(response, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var buffer = new char[16384];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        await destination.FlushAsync(cancellationToken);
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var owned = request;
        var path = request.RequestUri?.OriginalString ?? "";
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Refusal(response, text);
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw CliException.Refused($"{BaseAddress} answered {path} with something that is not JSON; is it a SecComms server?");
        }
    }

    /// <summary>Reads an API response into the CLI's own record, failing clearly when the server's shape differs.</summary>
    public T Read<T>(JsonElement json)
    {
        try
        {
            return json.Deserialize<T>(CliJson.Read) ?? throw new JsonException("The response was null.");
        }
        catch (JsonException e)
        {
            throw CliException.Refused($"the response from {BaseAddress} is not what this CLI version expects: {e.Message}");
        }
    }

    public void Dispose() => http.Dispose();

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException(ExitCodes.Unavailable, $"cannot reach the SecComms API at {BaseAddress}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unavailable, $"the SecComms API at {BaseAddress} did not answer within {http.Timeout.TotalSeconds:0} seconds.");
        }
    }

    private static CliException Refusal(HttpResponseMessage response, string text)
    {
        var status = (int)response.StatusCode;
        if (IsJson(response.Content.Headers.ContentType) && TryReadProblem(text) is { Title: { } title } problem)
        {
            if (problem.Problems is { Count: > 0 } problems)
            {
                return CliException.Refused($"{title}: {Lead(problem.Detail)}:" + string.Concat(problems.Select(p => "\n" + Line(p))));
            }
            return CliException.Refused(string.IsNullOrWhiteSpace(problem.Detail) ? title : $"{title}: {problem.Detail}");
        }
        return CliException.Refused($"the server answered HTTP {status} {response.ReasonPhrase} to {response.RequestMessage?.RequestUri}.");
    }

    private static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is "application/problem+json" or "application/json";

    private static ApiProblem? TryReadProblem(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<ApiProblem>(text, CliJson.Read);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What a refusal that lists its problems could not do: its detail up to the list ("SR-1 cannot be prepared").</summary>
    private static string Lead(string? detail) => detail?.Split(": ", 2)[0] ?? "";

    /// <summary>One problem on its own line: what it is about ("VULN-2 affected[1].fixed", "SC-12"), then its reason.</summary>
    private static string Line(JsonElement problem)
    {
        if (problem.ValueKind != JsonValueKind.Object)
        {
            return problem.ToString();
        }
        var about = problem.EnumerateObject()
            .Where(p => p.Name != "reason" && p.Value.ValueKind == JsonValueKind.String)
            .Select(p => p.Value.GetString());
        var reason = problem.TryGetProperty("reason", out var r) ? r.ToString() : "";
        return $"{string.Join(" ", about)}: {reason}";
    }

    /// <summary>The fields of an RFC 9457 ProblemDetails the CLI shows; a refusal that lists its problems is printed one per line.</summary>
    private sealed record ApiProblem(string? Title, string? Detail, int? Status, IReadOnlyList<JsonElement>? Problems = null);
}
