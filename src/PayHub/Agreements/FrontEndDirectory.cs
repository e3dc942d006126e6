using Dapper;
using PayHub.Hosting;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Agreements;

/// <summary>The front-ends by client id, with secrets opened; cached a few seconds, dropped at once on this node's changes.</summary>
public sealed class FrontEndDirectory(Database database, SecretBox box) : IDisposable
{
    private readonly ShortLivedCache<string, FrontEnd?> _byClientId = new(TimeSpan.FromSeconds(5));

    public FrontEnd? Find(string clientId) => _byClientId.GetOrAdd(clientId, Load);

    public void Invalidate() => _byClientId.Clear();

    public void Dispose() => _byClientId.Dispose();

    private FrontEnd? Load(string clientId)
    {
        using var connection = database.Open();
        var row = connection.QuerySingleOrDefault<(string ClientId, string Secret, long? RateLimit)>(
            "SELECT client_id, secret_sealed, rate_limit_per_second FROM dsp_front_ends WHERE client_id = @clientId", new { clientId });
        return row.ClientId is null ? null : new FrontEnd(row.ClientId, box.Open(row.Secret), (int?)row.RateLimit);
    }
}
