using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SecComms.Web.Hosting;

namespace SecComms.Web.Tests.Hosting;

public sealed class PeriodicTests
{
    [Fact]
    public async Task A_clock_that_jumps_days_ahead_runs_the_work_once_and_a_jump_during_a_run_is_not_lost()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var runs = 0;
        var release = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();
        var loop = Periodic.RunAsync(TimeSpan.FromSeconds(1), time, NullLogger.Instance, "count", async () =>
        {
            Interlocked.Increment(ref runs);
            await release.WaitAsync(stop.Token);
        }, stop.Token);

        time.Advance(TimeSpan.FromDays(25));
        await WaitForAsync(() => Volatile.Read(ref runs) == 1);
        time.Advance(TimeSpan.FromMinutes(5)); // while the first run is still going
        release.Release();
        await WaitForAsync(() => Volatile.Read(ref runs) == 2);
        release.Release();
        await Task.Delay(200);

        Assert.Equal(2, Volatile.Read(ref runs));
        await stop.CancelAsync();
        await loop;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition());
    }
}
