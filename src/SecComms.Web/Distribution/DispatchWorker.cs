using Microsoft.Extensions.Options;
using SecComms.Core.Distribution;
using SecComms.Core.Telemetry;

namespace SecComms.Web.Distribution;

/// <summary>
/// Sends dispatches and webhook events: at once when a publication on this node wakes it, otherwise every
/// <c>Distribution:PollInterval</c>. Any number of nodes may run it; each claims its own rows.
/// </summary>
internal sealed class DispatchWorker(
    IServiceScopeFactory scopes, DistributionSignal signal, IOptions<DistributionOptions> options, ILogger<DispatchWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sender = scope.ServiceProvider.GetRequiredService<DispatchSender>();
                var result = await sender.SendDueAsync(stoppingToken);
                if (SecCommsTelemetry.QueueWatched)
                {
                    SecCommsTelemetry.QueueDepth(await sender.WaitingAsync(stoppingToken));
                }
                if (result.Attempted > 0)
                {
                    logger.LogInformation("Dispatched {Sent} messages, deferred {Deferred}, failed {Failed}.", result.Sent, result.Deferred, result.Failed);
                }
                await scope.ServiceProvider.GetRequiredService<WebhookSender>().SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not send dispatches; will try again.");
            }
            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
