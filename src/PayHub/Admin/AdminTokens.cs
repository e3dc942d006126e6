using PayHub.Hosting;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Admin;

/// <summary>Admin bearer tokens: stored as keyed hashes with a visible prefix; issued by <c>payhub admin-token</c> or the demo data.</summary>
public sealed class AdminTokens(Database database, SecretHasher hasher) : IDisposable
{
    /// <summary>Valid tokens by hash, for a few seconds; an unknown token is looked up every time.</summary>
    private readonly ShortLivedCache<string, bool?> _valid = new(TimeSpan.FromSeconds(5), keepMisses: false);

    public async ValueTask<bool> IsValidAsync(string token) =>
        await _valid.GetOrAddAsync(hasher.Hash(token), FindAsync, CancellationToken.None) == true;

    public void Dispose() => _valid.Dispose();

    private Task<bool?> FindAsync(string hash, CancellationToken cancellationToken) =>
        Task.FromResult<bool?>(AdminTokenStore.Exists(database, hash) ? true : null);

    /// <summary>Stores a token's hash; returns the token, which is shown once and never stored.</summary>
    public static string Issue(WriteScope scope, SecretHasher hasher, string label, DateTimeOffset now, string? token = null)
    {
        token ??= SecretHasher.NewSecret("pha");
        AdminTokenStore.Add(scope, hasher.Hash(token), SecretHasher.Prefix(token), label, now);
        return token;
    }
}
