using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecComms.Core.Data;

namespace SecComms.Web.Hosting;

internal sealed class DatabaseHealthCheck(SecCommsDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.");
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The database has {pending} pending migration(s); run `seccomms db migrate`.");
    }
}
