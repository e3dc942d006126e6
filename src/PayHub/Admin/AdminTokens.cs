using System.Collections.Concurrent;
using Dapper;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Admin;

/// <summary>Admin bearer tokens: stored as keyed hashes with a visible prefix; issued by <c>payhub admin-token</c> or the demo data.</summary>
public sealed class AdminTokens(Database database, SecretHasher hasher, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _valid = new(StringComparer.Ordinal);

    public async ValueTask<bool> IsValidAsync(string token)
    {
        var hash = hasher.Hash(token);
        if (_valid.TryGetValue(hash, out var until) && until > clock.GetUtcNow())
        {
            return true;
        }

        await using var connection = await database.OpenAsync();
        var found = await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM admin_tokens WHERE token_hash = @hash)", new { hash });
        if (found)
        {
            _valid[hash] = clock.GetUtcNow().AddSeconds(5);
        }

        return found;
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
