namespace SecComms.Web.Notifications;

internal static class Periodic
{
    /// <summary>
    /// Runs <paramref name="work"/> at once and then every <paramref name="interval"/> until the host stops. A failed run
    /// is logged and the next one tries again, so a database that is briefly unreachable stops nothing for good.
    /// </summary>
    public static async Task RunAsync(bool enabled, TimeSpan interval, TimeProvider time, ILogger logger, string what, Func<Task> work,
        CancellationToken stoppingToken)
    {
        if (!enabled)
        {
            return;
        }
        await Task.Yield();
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await work();
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not {What}; will try again in {Interval}.", what, interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
