using Microsoft.Extensions.Diagnostics.HealthChecks;
using PayHub.Storage;

namespace PayHub.Hosting;

/// <summary>Ready only while the database answers a query.</summary>
public sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var version = await Migrator.SchemaVersionAsync(database, cancellationToken);
            return HealthCheckResult.Healthy($"schema version {version}");
        }
#pragma warning disable CA1031 // any failure to reach the database means not ready
        catch (Exception e)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("database unreachable", e);
        }
    }
}
