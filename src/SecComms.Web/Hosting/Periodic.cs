using SecComms.Core.Telemetry;

namespace SecComms.Web.Hosting;

internal static class Periodic
{
    /// <summary>
    /// Runs <paramref name="work"/> every <paramref name="interval"/> until the host stops, at once first when
    /// <paramref name="atStart"/>. A failed run is logged and the next one tries again, so a database that is briefly
    /// unreachable stops nothing for good.
    /// </summary>
    /// <remarks>
    /// Each wait is one delay on the clock from when the last run began, not a timer with a period: when the clock jumps
    /// ahead by days, as after a suspend or under a test's clock, the work runs once, not once for every missed interval.
    /// A jump during a run is not lost either: the next run is then already due.
    /// </remarks>
    public static async Task RunAsync(TimeSpan interval, TimeProvider time, ILogger logger, string what, Func<Task> work,
        CancellationToken stoppingToken, bool atStart = false)
    {
        var next = atStart ? time.GetUtcNow() : time.GetUtcNow() + interval;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = next - time.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                next = time.GetUtcNow() + interval;
                using var activity = SecCommsTelemetry.Activities.StartActivity(what);
                await work();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not {What}; will try again in {Interval}.", what, interval);
            }
        }
    }
}
