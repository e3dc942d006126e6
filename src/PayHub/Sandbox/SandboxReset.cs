using PayHub.Audit;
using PayHub.Storage;

namespace PayHub.Sandbox;

/// <summary>
/// Puts a sandbox's business data back to the demo (or empty) in one transaction, with its audit row, and
/// counts the reset generation up. This node forgets every family's cached data (<see cref="Hosting.ICachedData"/>)
/// at once; every other node does before its next request. On PostgreSQL the reset is a notice to every node's
/// listener (<see cref="ResetNotices"/>), and it is answered once every listening node has said it forgot (or after
/// <see cref="NodesPatience"/>); a node that is not listening asks the database before every request instead
/// (<see cref="ResetGenerationCheck"/>), as every node does on SQLite.
/// </summary>
public sealed partial class SandboxReset(
    Database database,
    IEnumerable<IDemoData> demoData,
    IEnumerable<Hosting.ICachedData> caches,
    AuditRecorder audit,
    TimeProvider clock,
    ILogger<SandboxReset> logger)
{
    /// <summary>The notice channel of resets (<c>reset:{generation}</c>) and of the nodes' answers (<c>forgot:{generation}</c>).</summary>
    public const string NoticeChannel = "payhub_sandbox";

    /// <summary>How long a reset waits for the listening nodes to say they forgot their caches.</summary>
    public static readonly TimeSpan NodesPatience = TimeSpan.FromSeconds(5);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, int> _forgotten = new();
    private readonly string _probe = Guid.NewGuid().ToString("N");
    private long _seen = -1;
    private volatile bool _hearsResets;

    /// <summary>Whether this node hears resets as they are committed (its listener is up and heard its probe): then a request need not ask.</summary>
    public bool HearsResets
    {
        get => _hearsResets;
        set => _hearsResets = value;
    }

    /// <summary>Resets and returns the new generation, once the nodes that listen have forgotten their caches.</summary>
    public async Task<long> ResetAsync(bool demo, string requestId)
    {
        var started = clock.GetTimestamp();
        long listeners = 0;
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
            if (database.Engine == DatabaseEngine.PostgreSql)
            {
                // Heard by every listener when this commits; counted in the transaction, so each one counted hears it.
                Notices.Send(scope, NoticeChannel, "reset:" + generation.ToString(System.Globalization.CultureInfo.InvariantCulture));
                listeners = Notices.Listeners(scope);
            }

            return generation;
        });
        Forget(generation);
        await WaitForNodesAsync(generation, listeners);
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

    /// <summary>
    /// A notice on <see cref="NoticeChannel"/>: a reset (this node forgets its caches and answers that it did), a node's
    /// answer to one (counted for the reset waiting for it), or this node's own probe come back (<see cref="ProbeAsync"/>:
    /// notices reach it, so it hears resets from now on). Returns the answer to send, if any.
    /// </summary>
    public string? Heard(string notice)
    {
        var colon = notice.IndexOf(':', StringComparison.Ordinal);
        var (kind, rest) = colon > 0 ? (notice[..colon], notice[(colon + 1)..]) : (notice, "");
        if (kind == "probe")
        {
            HearsResets |= rest == _probe;
            return null;
        }

        if (!long.TryParse(rest, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var generation))
        {
            return null;
        }

        switch (kind)
        {
            case "reset":
                if (generation != Interlocked.Read(ref _seen))
                {
                    Forget(generation);
                }

                return "forgot:" + rest;
            case "forgot":
                _forgotten.AddOrUpdate(generation, 1, static (_, count) => count + 1);
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Once this node listens: reads the generation (a reset committed before the <c>LISTEN</c> was not heard), then sends a
    /// probe to itself through the database. Only when it comes back does the node stop asking before each request, so
    /// a listener that hears nothing (a pooler in transaction mode between it and the database) never stands in for asking.
    /// </summary>
    public async ValueTask ProbeAsync()
    {
        await CatchUpAsync();
        await database.ReadAsync(db => Notices.SendNowAsync(db, NoticeChannel, "probe:" + _probe));
    }

    private async Task WaitForNodesAsync(long generation, long listeners)
    {
        var since = clock.GetTimestamp();
        while (listeners > 0 && _forgotten.GetValueOrDefault(generation) < listeners && clock.GetElapsedTime(since) < NodesPatience)
        {
            await Task.Delay(5);
        }

        var answered = _forgotten.GetValueOrDefault(generation);
        if (answered < listeners)
        {
            LogNodesSilent(logger, generation, answered, listeners);
        }

        foreach (var earlier in _forgotten.Keys.Where(g => g <= generation))
        {
            _forgotten.TryRemove(earlier, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox reset {Generation}: {Answered} of {Listeners} listening nodes said they forgot their caches within the wait; the others forget their caches when the notice reaches them")]
    private static partial void LogNodesSilent(ILogger logger, long generation, int answered, long listeners);

    private void Forget(long generation)
    {
        foreach (var cache in caches)
        {
            cache.Invalidate();
        }

        Interlocked.Exchange(ref _seen, generation);
    }
}
