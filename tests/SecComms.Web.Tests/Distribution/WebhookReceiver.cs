using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecComms.Web.Tests.Distribution;

/// <summary>A real HTTP endpoint on loopback that records each request; it can answer the first ones with an error.</summary>
/// <remarks>SecComms reaches it only when the test allows loopback (<see cref="AllowingLoopback"/>).</remarks>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failures;
    private volatile Answer _answer = new(StatusCodes.Status204NoContent, "", null);

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, Dictionary<string, string> Headers, string Body)> Requests { get; } = new();

    public string Url(string path) => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + path;

    /// <summary>Answers the next <paramref name="count"/> requests with 503.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    /// <summary>Answers every later request with <paramref name="status"/>, <paramref name="body"/> and, if given, a <c>Location</c>.</summary>
    public void AnswerWith(int status, string body, string? location = null) => _answer = new Answer(status, body, location);

    /// <summary>The settings that let SecComms post to loopback, where every receiver of a test listens.</summary>
    public static Dictionary<string, string?> AllowingLoopback(Dictionary<string, string?>? settings = null) =>
        new(settings ?? [])
        {
            ["Webhooks:AllowedInternalHosts:0"] = "127.0.0.1",
        };

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{path}", async (HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            // Kestrel reuses the header collection once the request ends, so it is copied.
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver.Requests.Enqueue((context.Request.Path, headers, body));
            if (Interlocked.Decrement(ref receiver._failures) >= 0)
            {
                return Results.StatusCode(503);
            }
            var answer = receiver._answer;
            if (answer.Location is { } location)
            {
                context.Response.Headers.Location = location;
            }
            return answer.Body.Length == 0 ? Results.StatusCode(answer.Status) : Results.Text(answer.Body, "text/plain", statusCode: answer.Status);
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record Answer(int Status, string Body, string? Location);
}
