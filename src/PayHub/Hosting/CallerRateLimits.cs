using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace PayHub.Hosting;

/// <summary>
/// Per-caller request limits (requests per second, a fixed one-second window), off unless a caller
/// has one configured. The counters are per node: with N nodes behind a balancer a caller gets at most N times its limit.
/// </summary>
public sealed class CallerRateLimits : IDisposable
{
    private readonly ConcurrentDictionary<string, (int Limit, RateLimiter Limiter)> _limiters = new(StringComparer.Ordinal);

    /// <summary>True when the caller may go on: no limit configured, or a permit was free.</summary>
    public bool TryAcquire(string family, string caller, int? perSecond)
    {
        if (perSecond is not > 0)
        {
            return true;
        }

        var key = family + "\n" + caller;
        var entry = _limiters.GetOrAdd(key, _ => (perSecond.Value, Create(perSecond.Value)));
        if (entry.Limit != perSecond.Value)
        {
            entry = (perSecond.Value, Create(perSecond.Value));
            _limiters[key] = entry;
        }

        using var lease = entry.Limiter.AttemptAcquire();
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        foreach (var (_, limiter) in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private static FixedWindowRateLimiter Create(int perSecond) => new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = perSecond,
        Window = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });
}
