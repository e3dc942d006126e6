using System.Data.Common;
using Dapper;

namespace PayHub.Storage;

/// <summary><c>admin_tokens</c>: admin bearer tokens as keyed hashes, with a visible prefix and a label.</summary>
public static class AdminTokenStore
{
    public static async Task<bool> ExistsAsync(Database database, string tokenHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM admin_tokens WHERE token_hash = @tokenHash)", new { tokenHash });
    }

    public static void Add(DbConnection connection, DbTransaction? transaction, string tokenHash, string prefix, string label, DateTimeOffset now) =>
        connection.Execute(
            "INSERT INTO admin_tokens (token_hash, prefix, label, created_at) VALUES (@tokenHash, @prefix, @label, @at)",
            new { tokenHash, prefix, label, at = now.ToString("O") },
            transaction);
}
