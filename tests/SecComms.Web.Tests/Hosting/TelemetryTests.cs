using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SecComms.Core.Data;
using SecComms.Testing;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Distribution;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Hosting;

/// <summary>The counters are one per process: these tests run alone, so what they count is what they did.</summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryRunsAlone;

[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_publication_and_its_test_send_show_as_traces_and_metrics_an_operator_can_watch()
    {
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        await using var app = await SecCommsApp.StartAsync(DatabaseOptions.Sqlite, new Dictionary<string, string?> { ["Telemetry:Enabled"] = "true" },
            services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(activities));
                services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
            });
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = await DisclosureApi.ApprovedNoticeAsync(alice, sam, "customer-security-notice");
        await (await alice.Client.PostAsync($"/api/v1/communications/{id}/test-send", null)).JsonAsync(HttpStatusCode.Created);
        await app.SendAsync();
        await DisclosureApi.ShipFixAsync(alice.Client, id);
        await DisclosureApi.ReapproveAsync(sam, id);
        await (await WorkflowApi.PublishAsync(alice.Client, id)).JsonAsync();

        app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Contains(activities, a => a.Kind == ActivityKind.Server && (string?)a.GetTagItem("http.route") == "/api/v1/communications/{id:guid}/publish"
            && (int?)a.GetTagItem("http.response.status_code") == 200);
        Assert.Contains(activities, a => a.Source.Name == "SecComms" && a.DisplayName == "dispatch.send-due");
        Assert.Equal(1, Sum(metrics, "seccomms.publications"));
        Assert.Equal(2, Sum(metrics, "seccomms.dispatch.sent"));
        Assert.Equal(0, Sum(metrics, "seccomms.dispatch.failed"));
        Assert.Contains(metrics, m => m.Name == "seccomms.dispatch.queue");
        Assert.Contains(metrics, m => m.Name == "http.server.request.duration");
    }

    [Fact]
    public async Task Without_the_setting_nothing_is_collected()
    {
        await using var app = await SecCommsApp.StartAsync(DatabaseOptions.Sqlite);

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    private static long Sum(IEnumerable<Metric> metrics, string name)
    {
        var total = 0L;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                total += point.GetSumLong();
            }
        }
        return total;
    }
}
