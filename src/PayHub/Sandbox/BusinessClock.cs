using PayHub.Storage;

namespace PayHub.Sandbox;

/// <summary>
/// The time the business rules read — SMS code expiry and the step window, OAuth code and token expiry,
/// PayInvalid's same-day rule and the reconciliation day, the push retry schedule, the resolver's backoff.
/// Real time outside a sandbox; on a sandbox, the caller's own clock when it has one, else the sandbox's
/// (<c>/admin/sandbox/clock</c>), shared by every node through the database and re-read every second.
/// Freshness checks on what a client sends (<c>Request-Time</c>, <c>timestamp</c>), timers, leases and the
/// audit trail's times read the real <see cref="TimeProvider"/> instead; timers here are real ones too.
/// The caller is the one the front door admitted (<see cref="Exchanges.Exchange.TryAcquireRate"/>); a group-committed
/// write runs in its caller's execution context, so the caller reaches its write too.
/// </summary>
public sealed class BusinessClock(TimeProvider real, Database database, SandboxClockStore store) : TimeProvider, IDisposable
{
    private static readonly AsyncLocal<string?> CurrentCaller = new();
    private readonly Hosting.ShortLivedCache<bool, Dictionary<string, ClockSetting>> _clocks = new("business-clocks", TimeSpan.FromSeconds(1));

    /// <summary>The caller whose clock applies in this flow (<c>family:caller</c>), or null for the sandbox's own.</summary>
    public static string? Caller
    {
        get => CurrentCaller.Value;
        set => CurrentCaller.Value = value;
    }

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    public override long TimestampFrequency => real.TimestampFrequency;

    public override DateTimeOffset GetUtcNow()
    {
        var now = real.GetUtcNow();
        if (!database.Sandbox)
        {
            return now;
        }

        var clocks = _clocks.GetOrAdd(true, _ => store.All());
        return clocks.Count == 0 ? now
            : Caller is { } caller && clocks.TryGetValue(caller, out var own) ? own.Now(now)
            : clocks.TryGetValue("*", out var sandbox) ? sandbox.Now(now)
            : now;
    }

    /// <summary>The business time of a caller (<c>family:caller</c>) whoever is asking: for work done on its behalf, as its pushes.</summary>
    public DateTimeOffset NowOf(string caller)
    {
        var previous = Caller;
        Caller = caller;
        try
        {
            return GetUtcNow();
        }
        finally
        {
            Caller = previous;
        }
    }

    /// <summary>The latest business time of any clock (at least real time): nothing is due for anyone later than this.</summary>
    public DateTimeOffset LatestNow()
    {
        var now = real.GetUtcNow();
        if (!database.Sandbox)
        {
            return now;
        }

        var latest = now;
        foreach (var clock in _clocks.GetOrAdd(true, _ => store.All()).Values)
        {
            var theirs = clock.Now(now);
            latest = theirs > latest ? theirs : latest;
        }

        return latest;
    }

    public override long GetTimestamp() => real.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => real.CreateTimer(callback, state, dueTime, period);

    /// <summary>This node's own change: read again at once.</summary>
    public void Forget() => _clocks.Clear();

    public void Dispose() => _clocks.Dispose();
}
