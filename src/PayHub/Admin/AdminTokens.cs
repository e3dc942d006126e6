using PayHub.Hosting;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Admin;

/// <summary>Admin bearer tokens: stored as keyed hashes with a visible prefix; issued by <c>payhub admin-token</c> or the demo data.</summary>
public sealed class AdminTokens(Database database, SecretHasher hasher) : IDisposable
{
    /// <summary>Valid tokens' labels by hash, for a few seconds; an unknown token is looked up every time.</summary>
    private readonly ShortLivedCache<string, string?> _labels = new(TimeSpan.FromSeconds(5), keepMisses: false);

    /// <summary>The token's label (the caller the journal names); null when the token is not valid.</summary>
    public ValueTask<string?> LabelOfAsync(string token) => _labels.GetOrAddAsync(hasher.Hash(token), FindAsync, CancellationToken.None);

    public void Dispose() => _labels.Dispose();

    private Task<string?> FindAsync(string hash, CancellationToken cancellationToken) => Task.FromResult(AdminTokenStore.LabelOf(database, hash));

    /// <summary>Stores a token's hash; returns the token, which is shown once and never stored.</summary>
    public static string Issue(WriteScope scope, SecretHasher hasher, string label, DateTimeOffset now, string? token = null)
    {
        token ??= SecretHasher.NewSecret("pha");
        AdminTokenStore.Add(scope, hasher.Hash(token), SecretHasher.Prefix(token), label, now);
        return token;
    }
}
