using PayHub.Hosting;

namespace PayHub.GlobalAccounts;

/// <summary>The integrator clients by Client-Id, with their keys imported; cached a few seconds, dropped at once on this node's changes.</summary>
public sealed class IntegratorDirectory(IntegratorStore store) : ICachedData, IDisposable
{
    private readonly ShortLivedCache<string, Integrator?> _byClientId = new("integrators", TimeSpan.FromSeconds(5));

    public Integrator? Find(string clientId) => _byClientId.GetOrAdd(clientId, store.Load);

    public void Invalidate() => _byClientId.Clear();

    public void Dispose() => _byClientId.Dispose();
}
