using PayHub.Hosting;
using PayHub.Secrets;

namespace PayHub.Agreements;

/// <summary>The front-ends by client id, with secrets opened; cached a few seconds, dropped at once on this node's changes.</summary>
public sealed class FrontEndDirectory(FrontEndStore store, SecretBox box, TimeProvider clock) : ICachedData, IDisposable
{
    private readonly ShortLivedCache<string, FrontEnd?> _byClientId = new("front-ends", TimeSpan.FromSeconds(5));

    public FrontEnd? Find(string clientId) => _byClientId.GetOrAdd(clientId, Load);

    public void Invalidate() => _byClientId.Clear();

    public void Dispose() => _byClientId.Dispose();

    private FrontEnd? Load(string clientId) =>
        store.Find(clientId, clock.GetUtcNow()) is { } row
            ? new FrontEnd(
                clientId,
                box.Open(row.SealedSecret),
                row.RateLimit,
                row.PreviousSealed is null ? null : box.Open(row.PreviousSealed),
                row.PreviousUntil is null ? null : DateTimeOffset.Parse(row.PreviousUntil, System.Globalization.CultureInfo.InvariantCulture))
            : null;
}
