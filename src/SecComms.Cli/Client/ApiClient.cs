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

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var owned = request;
        var path = request.RequestUri?.OriginalString ?? "";
        using var response = await SendRawAsync(request, cancellationToken);
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

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
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

    /// <summary>The fields of an RFC 9457 ProblemDetails the CLI shows.</summary>
    private sealed record ApiProblem(string? Title, string? Detail, int? Status);
}
