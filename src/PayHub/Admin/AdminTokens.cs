using PayHub.Hosting;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Admin;

/// <summary>Admin bearer tokens: stored as keyed hashes with a visible prefix; issued by <c>payhub admin-token</c> or the demo data.</summary>
public sealed class AdminTokens(Database database, SecretHasher hasher) : IDisposable
{
    /// <summary>Valid tokens' callers by hash, for a few seconds; an unknown token is looked up every time.</summary>
    private readonly ShortLivedCache<string, AdminCaller?> _callers = new("admin-tokens", TimeSpan.FromSeconds(5), keepMisses: false);

    /// <summary>Who the token is (its label and role); null when the token is not valid.</summary>
    public ValueTask<AdminCaller?> CallerOfAsync(string token) => _callers.GetOrAddAsync(hasher.Hash(token), FindAsync, CancellationToken.None);

    public void Dispose() => _callers.Dispose();

    private Task<AdminCaller?> FindAsync(string hash, CancellationToken cancellationToken) => Task.FromResult(AdminTokenStore.CallerOf(database, hash));

    /// <summary>Stores a token's hash; returns the token, which is shown once and never stored.</summary>
    public static string Issue(WriteScope scope, SecretHasher hasher, string label, DateTimeOffset now, string? token = null, string role = AdminCaller.Full)
    {
        token ??= SecretHasher.NewSecret("pha");
        AdminTokenStore.Add(scope, hasher.Hash(token), SecretHasher.Prefix(token), label, role, now);
        return token;
    }
}
