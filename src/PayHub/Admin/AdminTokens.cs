using Dapper;
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

    private async Task<bool?> FindAsync(string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM admin_tokens WHERE token_hash = @hash)", new { hash });
        return found ? true : null;
    }

    /// <summary>Stores a token's hash; returns the token, which is shown once and never stored.</summary>
    public static string Issue(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, SecretHasher hasher, string label, DateTimeOffset now, string? token = null)
    {
        token ??= SecretHasher.NewSecret("pha");
        connection.Execute(
            "INSERT INTO admin_tokens (token_hash, prefix, label, created_at) VALUES (@hash, @prefix, @label, @at)",
            new { hash = hasher.Hash(token), prefix = SecretHasher.Prefix(token), label, at = now.ToString("O") },
            transaction);
        return token;
    }
}
