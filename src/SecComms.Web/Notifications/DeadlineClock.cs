using Microsoft.Extensions.Options;
using SecComms.Core.Notifications;
using SecComms.Web.Hosting;

namespace SecComms.Web.Notifications;

/// <summary>
/// Every <c>Notifications:DeadlineSweepInterval</c>, records the reminders and backup engagements that fell due, and the
/// incident clocks and internal updates that did.
/// </summary>
internal sealed class DeadlineClock(
    IServiceScopeFactory scopes, IOptions<NotificationOptions> options, TimeProvider time, ILogger<DeadlineClock> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !options.Value.Enabled
        ? Task.CompletedTask
        : Periodic.RunAsync(options.Value.DeadlineSweepInterval, time, logger, "check approval deadlines", async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunAsync(stoppingToken);
            await scope.ServiceProvider.GetRequiredService<SecComms.Core.Incidents.IncidentSweep>().RunAsync(stoppingToken);
        }, stoppingToken, atStart: true);
}
