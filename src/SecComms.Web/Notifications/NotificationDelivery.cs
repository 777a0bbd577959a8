using Microsoft.Extensions.Options;
using SecComms.Core.Notifications;
using SecComms.Web.Hosting;

namespace SecComms.Web.Notifications;

/// <summary>
/// Every <c>Notifications:DeliveryInterval</c>, turns new audit events into notifications and sends those that are due.
/// Any number of nodes may run it: planning and claiming happen inside write scopes.
/// </summary>
internal sealed class NotificationDelivery(
    IServiceScopeFactory scopes, IOptions<NotificationOptions> options, TimeProvider time, ILogger<NotificationDelivery> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !options.Value.Enabled
        ? Task.CompletedTask
        : Periodic.RunAsync(options.Value.DeliveryInterval, time, logger, "send notifications", async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NotificationPlanner>().PlanAsync(stoppingToken);
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().SendAllDueAsync(stoppingToken);
        }, stoppingToken, atStart: true);
}
