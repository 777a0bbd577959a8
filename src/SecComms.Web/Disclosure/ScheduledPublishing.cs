using SecComms.Core.Workflow;
using SecComms.Web.Hosting;

namespace SecComms.Web.Disclosure;

/// <summary>
/// Publishes scheduled communications when their time comes, looking every second so that every channel goes out within
/// a second of the embargo; with several nodes, the write scope lets only one publish each.
/// </summary>
internal sealed class ScheduledPublishing(IServiceScopeFactory scopes, TimeProvider time, ILogger<ScheduledPublishing> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodic.RunAsync(Interval, time, logger, "publish scheduled communications", async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var published = await scope.ServiceProvider.GetRequiredService<WorkflowService>().PublishDueAsync(stoppingToken);
            if (published > 0)
            {
                logger.LogInformation("Published {Count} scheduled communications.", published);
            }
        }, stoppingToken);
}
