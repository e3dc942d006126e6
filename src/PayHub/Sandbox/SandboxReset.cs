using PayHub.Audit;
using PayHub.Storage;

namespace PayHub.Sandbox;

/// <summary>
/// Puts a sandbox's business data back to the demo (or empty) in one transaction, with its audit row, and
/// counts the reset generation up. This node forgets every family's cached data (<see cref="Hosting.ICachedData"/>)
/// at once; every other node does before its next request (<see cref="ResetGenerationCheck"/>).
/// </summary>
public sealed class SandboxReset(Database database, IEnumerable<IDemoData> demoData, IEnumerable<Hosting.ICachedData> caches, AuditRecorder audit, TimeProvider clock)
{
    private long _seen = -1;

    /// <summary>Resets and returns the new generation.</summary>
    public long Reset(bool demo, string requestId)
    {
        var started = clock.GetTimestamp();
        var generation = database.Write(scope =>
        {
            var generation = SandboxResetStore.Empty(scope, database.Engine);
            if (demo)
            {
                StorageStartup.LoadDemoData(scope, demoData, clock.GetUtcNow());
            }

            audit.Record(scope, new AuditEntry(
                "sandbox", "reset", "admin", generation.ToString(System.Globalization.CultureInfo.InvariantCulture), demo ? "demo" : "empty",
                (long)clock.GetElapsedTime(started).TotalMilliseconds, requestId, $$"""{"demo":{{(demo ? "true" : "false")}}}""", "{}"));
            return generation;
        });
        Forget(generation);
        return generation;
    }

    /// <summary>Forgets this node's caches when the database was reset since it last looked (by any node).</summary>
    public async ValueTask CatchUpAsync()
    {
        var generation = await database.ReadAsync(SandboxResetStore.CurrentGenerationAsync);
        if (generation != Interlocked.Read(ref _seen))
        {
            Forget(generation);
        }
    }

    private void Forget(long generation)
    {
        foreach (var cache in caches)
        {
            cache.Invalidate();
        }

        Interlocked.Exchange(ref _seen, generation);
    }
}
