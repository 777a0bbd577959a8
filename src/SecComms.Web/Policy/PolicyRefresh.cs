using SecComms.Core.Policy;
using SecComms.Web.Hosting;

namespace SecComms.Web.Policy;

/// <summary>Every half minute, takes up a policy that an administrator put in force through another node.</summary>
internal sealed class PolicyRefresh(IServiceScopeFactory scopes, TimeProvider time, ILogger<PolicyRefresh> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodic.RunAsync(Interval, time, logger, "check for a newer policy", async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PolicyVersions>().RefreshAsync(stoppingToken);
        }, stoppingToken);
}
