using Microsoft.Extensions.Diagnostics.HealthChecks;
using PayHub.Storage;

namespace PayHub.Hosting;

/// <summary>Ready only while the database answers a query.</summary>
public sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult(HealthCheckResult.Healthy($"schema version {Migrator.CurrentVersion(database)}"));
        }
#pragma warning disable CA1031 // any failure to reach the database means not ready
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("database unreachable", e));
        }
    }
}
