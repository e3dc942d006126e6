using Dapper;
using PayHub.Hosting;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>The integrator clients by Client-Id, with their keys imported; cached a few seconds, dropped at once on this node's changes.</summary>
public sealed class IntegratorDirectory(Database database) : IDisposable
{
    private readonly ShortLivedCache<string, Integrator?> _byClientId = new(TimeSpan.FromSeconds(5));

    public Integrator? Find(string clientId) => _byClientId.GetOrAdd(clientId, Load);

    public void Invalidate() => _byClientId.Clear();

    public void Dispose() => _byClientId.Dispose();

    private Integrator? Load(string clientId)
    {
        using var connection = database.Open();
        var row = connection.QuerySingleOrDefault<(string ClientId, string AccountTypes, long? RateLimit)>(
            "SELECT client_id, account_types, rate_limit_per_second FROM ga_integrators WHERE client_id = @clientId", new { clientId });
        if (row.ClientId is null)
        {
            return null;
        }

        var keys = connection.Query<(long Version, string Pem)>(
                "SELECT key_version, public_key_pem FROM ga_integrator_keys WHERE client_id = @clientId", new { clientId })
            .ToDictionary(k => (int)k.Version, k => RsaKey.FromPem(k.Pem));
        return new Integrator(
            row.ClientId,
            row.AccountTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
            (int?)row.RateLimit,
            keys);
    }
}
