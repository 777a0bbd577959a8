using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecComms.Core.Distribution;
using SecComms.Testing;
using SecComms.Web.Audit;
using SecComms.Web.Tests.Distribution;

namespace SecComms.Web.Tests.Audit;

public sealed class AuditAnchorTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_anchor_job_logs_the_head_and_sends_it_once_to_the_configured_webhook(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await SecCommsApp.StartAsync(provider, new Dictionary<string, string?> { ["Webhooks:AllowedInternalHosts:0"] = "127.0.0.1" });
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var webhook = await (await sam.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = "Audit anchor", url = receiver.Url("/anchor") }))
            .JsonAsync(HttpStatusCode.Created);
        var log = new RecordedLog();
        await using var node = app.WithWebHostBuilder(host => host
            .UseSetting("Audit:AnchorWebhookId", webhook.GetProperty("id").GetString())
            .ConfigureServices(services => services.AddSingleton<ILoggerProvider>(log)));
        var head = await (await sam.Client.GetAsync("/api/v1/audit/head")).JsonAsync();
        var job = node.Services.GetRequiredService<AuditHeadAnchoring>();

        await job.AnchorOnceAsync(CancellationToken.None);
        await job.AnchorOnceAsync(CancellationToken.None);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WebhookSender>().SendDueAsync(CancellationToken.None);
        }

        var logged = log.Entries.Where(e => e.Fields.ContainsKey("AuditSeq")).ToList();
        Assert.Equal(2, logged.Count);
        Assert.All(logged, e =>
        {
            Assert.Equal(LogLevel.Information, e.Level);
            Assert.Equal(head.GetProperty("seq").GetInt64(), e.Fields["AuditSeq"]);
            Assert.Equal(head.GetProperty("hash").GetString(), e.Fields["AuditHash"]);
            Assert.Equal(head.GetProperty("head").GetString(), e.Fields["AuditHead"]);
        });
        var (path, headers, body) = Assert.Single(receiver.Requests);
        Assert.Equal("/anchor", path);
        Assert.Equal("audit.head", headers["X-SecComms-Event"]);
        Assert.Equal(WebhookSender.Signature(webhook.GetProperty("secret").GetString()!, headers["X-SecComms-Timestamp"], body), headers["X-SecComms-Signature"]);
        var sent = JsonDocument.Parse(body).RootElement;
        Assert.Equal("audit.head", sent.GetProperty("event").GetString());
        Assert.Equal(head.GetProperty("seq").GetInt64(), sent.GetProperty("audit").GetProperty("seq").GetInt64());
        Assert.Equal(head.GetProperty("hash").GetString(), sent.GetProperty("audit").GetProperty("hash").GetString());
        Assert.Equal(head.GetProperty("head").GetString(), sent.GetProperty("audit").GetProperty("head").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_webhook_id_that_names_no_active_webhook_is_warned_about_and_the_head_only_logged(string provider)
    {
        var log = new RecordedLog();
        var missing = Guid.CreateVersion7();
        await using var app = await SecCommsApp.StartAsync(provider, new Dictionary<string, string?> { ["Audit:AnchorWebhookId"] = missing.ToString() },
            services => services.AddSingleton<ILoggerProvider>(log));

        await app.Services.GetRequiredService<AuditHeadAnchoring>().AnchorOnceAsync(CancellationToken.None);

        Assert.Single(log.Entries, e => e.Level == LogLevel.Information && e.Fields.ContainsKey("AuditHead"));
        var warning = Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal($"Audit:AnchorWebhookId {missing} is no active webhook: the audit head was only logged.", warning.Message);
        await using var db = app.Database.CreateContext();
        Assert.Equal(0, await db.WebhookDeliveries.CountAsync());
    }

    /// <summary>The host's log entries with their structured fields, as a log shipper would receive them.</summary>
    private sealed class RecordedLog : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(RecordedLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (category == typeof(AuditHeadAnchoring).FullName)
                {
                    var fields = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
                    log.Entries.Enqueue((category, logLevel, formatter(state, exception), fields.ToDictionary(f => f.Key, f => f.Value)));
                }
            }
        }
    }
}
