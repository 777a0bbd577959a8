using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecComms.Core.Data;

namespace SecComms.Web.Hosting;

internal sealed class DatabaseHealthCheck(SecCommsDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
