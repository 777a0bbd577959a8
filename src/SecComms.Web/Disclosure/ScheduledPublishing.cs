using SecComms.Core.Workflow;

namespace SecComms.Web.Disclosure;

/// <summary>
/// Publishes scheduled communications when their time comes, looking every second so that every channel goes out within
/// a second of the embargo; with several nodes, the write scope lets only one publish each.
/// </summary>
internal sealed class ScheduledPublishing(IServiceScopeFactory scopes, TimeProvider time, ILogger<ScheduledPublishing> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var published = await scope.ServiceProvider.GetRequiredService<WorkflowService>().PublishDueAsync(stoppingToken);
                if (published > 0)
                {
                    logger.LogInformation("Published {Count} scheduled communications.", published);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not publish scheduled communications; will try again.");
            }
        }
    }
}
