using SecComms.Core.Policy;

namespace SecComms.Web.Policy;

/// <summary>Every half minute, takes up a policy that an administrator put in force through another node.</summary>
internal sealed class PolicyRefresh(IServiceScopeFactory scopes, TimeProvider time, ILogger<PolicyRefresh> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<PolicyVersions>().RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not check for a newer policy; will try again.");
            }
        }
    }
}
