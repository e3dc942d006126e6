using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary><c>ga_server_keys</c>: the server's response signing keys, the private half sealed under the master key.</summary>
public sealed class ServerKeyStore(Database database)
{
    /// <summary>The newest key; null when there is none yet.</summary>
    public (long Version, string Sealed, string Pem)? Newest()
    {
        var row = database.Read(db => db.Row<(long Version, string Sealed, string Pem)>(
            "SELECT key_version, private_key_sealed, public_key_pem FROM ga_server_keys ORDER BY key_version DESC LIMIT 1"));
        return row.Sealed is null ? null : row;
    }

    /// <summary>Stores a key of that version unless one is there already (another node's, generated at the same moment).</summary>
    public void AddIfNone(long version, string sealedKey, string publicKeyPem, DateTimeOffset now) =>
        database.Write(scope => scope.Execute(
            """
            INSERT INTO ga_server_keys (key_version, private_key_sealed, public_key_pem, created_at) VALUES (@p0, @p1, @p2, @p3)
            ON CONFLICT (key_version) DO NOTHING
            """,
            version, sealedKey, publicKeyPem, now.ToString("O")));
}
