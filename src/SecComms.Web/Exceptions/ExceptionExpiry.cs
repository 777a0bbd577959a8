using Microsoft.Extensions.Options;
using SecComms.Core.Exceptions;
using SecComms.Web.Hosting;

namespace SecComms.Web.Exceptions;

public sealed class ExceptionExpiryOptions
{
    public const string Section = "Exceptions";

    /// <summary>How often to mark ended exceptions expired and send reminders; zero turns the sweep off on this node.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Runs the exception sweep on a timer: expiries recorded and notified, reminders sent before them.</summary>
/// <remarks>Every node may run it: the sweep takes the writer lock per exception and never repeats what another node did.</remarks>
internal sealed class ExceptionExpiry(IServiceScopeFactory scopes, IOptions<ExceptionExpiryOptions> options, TimeProvider time, ILogger<ExceptionExpiry> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SweepInterval;
        if (interval <= TimeSpan.Zero)
        {
            logger.LogInformation("The policy exception sweep is off on this node (Exceptions:SweepInterval is {Interval}).", interval);
            return;
        }
        await Periodic.RunAsync(interval, time, logger, "sweep the policy exceptions", async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ExceptionSweep>().RunAsync(stoppingToken);
            foreach (var expired in result.Expired)
            {
                logger.LogInformation("Policy exception {Reference} expired.", expired);
            }
            foreach (var failure in result.Failures)
            {
                logger.LogWarning(failure.Error, "Could not sweep policy exception {Reference}; will try again.", failure.Reference);
            }
        }, stoppingToken);
    }
}
