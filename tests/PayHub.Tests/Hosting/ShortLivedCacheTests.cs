using PayHub.Hosting;

namespace PayHub.Tests.Hosting;

/// <summary>The short-lived look-up cache the directories share: kept answers, kept or forgotten misses, expiry, invalidation.</summary>
public sealed class ShortLivedCacheTests
{
    [Fact]
    public void An_answer_is_kept_until_removed_or_cleared()
    {
        using var cache = new ShortLivedCache<string, string?>("test", TimeSpan.FromMinutes(1));
        var loads = 0;
        string? Load(string key) => $"{key}#{++loads}";

        var first = cache.GetOrAdd("a", Load);
        var again = cache.GetOrAdd("a", Load);
        cache.Remove("a");
        var afterRemove = cache.GetOrAdd("a", Load);
        cache.Clear();
        var afterClear = cache.GetOrAdd("a", Load);

        Assert.Equal(new string?[] { "a#1", "a#1", "a#2", "a#3" }, new[] { first, again, afterRemove, afterClear });
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    public void A_miss_is_kept_only_when_asked(bool keepMisses, int expectedLoads)
    {
        using var cache = new ShortLivedCache<string, string?>("test", TimeSpan.FromMinutes(1), keepMisses);
        var loads = 0;

        cache.GetOrAdd("unknown", _ => { loads++; return null; });
        cache.GetOrAdd("unknown", _ => { loads++; return null; });

        Assert.Equal(expectedLoads, loads);
    }

    [Fact]
    public async Task An_answer_expires_after_its_lifetime()
    {
        using var cache = new ShortLivedCache<int, int>("test", TimeSpan.FromMilliseconds(50));
        var loads = 0;

        cache.GetOrAdd(1, _ => ++loads);
        await Task.Delay(200);
        var reloaded = await cache.GetOrAddAsync(1, (_, _) => Task.FromResult(++loads), CancellationToken.None);

        Assert.Equal(2, reloaded);
    }
}
