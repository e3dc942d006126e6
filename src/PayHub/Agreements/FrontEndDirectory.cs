using PayHub.Hosting;
using PayHub.Secrets;

namespace PayHub.Agreements;

/// <summary>The front-ends by client id, with secrets opened; cached a few seconds, dropped at once on this node's changes.</summary>
public sealed class FrontEndDirectory(FrontEndStore store, SecretBox box) : ICachedData, IDisposable
{
    private readonly ShortLivedCache<string, FrontEnd?> _byClientId = new(TimeSpan.FromSeconds(5));

    public FrontEnd? Find(string clientId) => _byClientId.GetOrAdd(clientId, Load);

    public void Invalidate() => _byClientId.Clear();

    public void Dispose() => _byClientId.Dispose();

    private FrontEnd? Load(string clientId) =>
        store.Find(clientId) is { } row ? new FrontEnd(clientId, box.Open(row.SealedSecret), row.RateLimit) : null;
}
