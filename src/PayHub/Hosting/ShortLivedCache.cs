using Microsoft.Extensions.Caching.Memory;

namespace PayHub.Hosting;

/// <summary>
/// What a look-up found, kept for a few seconds (so another node's changes arrive within that time)
/// and dropped at once when this node changes the data. "Nothing found" (null) is kept too unless
/// <paramref name="keepMisses"/> is false. Built on the platform's <see cref="MemoryCache"/>, bounded in entries. Its
/// hits and misses are counted under its <paramref name="name"/> (metric <c>payhub.cache.lookups</c>).
/// </summary>
public sealed class ShortLivedCache<TKey, TValue>(string name, TimeSpan lifetime, bool keepMisses = true, int maxEntries = 10_000) : IDisposable
    where TKey : notnull
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = maxEntries });
    private readonly KeyValuePair<string, object?> _name = new("payhub.cache", name);
    private static readonly KeyValuePair<string, object?> Hit = new("payhub.result", "hit");
    private static readonly KeyValuePair<string, object?> Miss = new("payhub.result", "miss");

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> load)
    {
        if (_cache.TryGetValue(key, out var cached))
        {
            Telemetry.PayHubMeter.CacheLookups.Add(1, _name, Hit);
            return (TValue)cached!;
        }

        Telemetry.PayHubMeter.CacheLookups.Add(1, _name, Miss);
        var value = load(key);
        Set(key, value);
        return value;
    }

    public async ValueTask<TValue> GetOrAddAsync(TKey key, Func<TKey, CancellationToken, Task<TValue>> load, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(key, out var cached))
        {
            Telemetry.PayHubMeter.CacheLookups.Add(1, _name, Hit);
            return (TValue)cached!;
        }

        Telemetry.PayHubMeter.CacheLookups.Add(1, _name, Miss);
        var value = await load(key, cancellationToken);
        Set(key, value);
        return value;
    }

    public void Remove(TKey key) => _cache.Remove(key);

    public void Clear() => _cache.Clear();

    public void Dispose() => _cache.Dispose();

    private void Set(TKey key, TValue value)
    {
        if (value is null && !keepMisses)
        {
            return;
        }

        using var entry = _cache.CreateEntry(key);
        entry.Value = value;
        entry.Size = 1;
        entry.AbsoluteExpirationRelativeToNow = lifetime;
    }
}
