using System.Security.Cryptography;
using Dapper;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>
/// The server's own RSA-2048 key, which signs every response: the newest row of
/// <c>ga_server_keys</c>, generated on first start when there is none and kept sealed under the
/// master key (the demo loads the public sandbox key instead).
/// </summary>
public sealed partial class ServerSigningKey
{
    private readonly RsaKey _key;

    public ServerSigningKey(Database database, SecretBox box, TimeProvider clock, ILogger<ServerSigningKey> logger)
    {
        using var connection = database.Open();
        var row = connection.QuerySingleOrDefault<(long Version, string Sealed, string Pem)>(
            "SELECT key_version, private_key_sealed, public_key_pem FROM ga_server_keys ORDER BY key_version DESC LIMIT 1");
        if (row.Sealed is null)
        {
            using var generated = RSA.Create(2048);
            row = (1, box.Seal(generated.ExportPkcs8PrivateKey()), generated.ExportSubjectPublicKeyInfoPem());
            var generatedRow = row;
            database.Write((writer, transaction) => writer.Execute(
                """
                INSERT INTO ga_server_keys (key_version, private_key_sealed, public_key_pem, created_at) VALUES (@Version, @Sealed, @Pem, @at)
                ON CONFLICT (key_version) DO NOTHING
                """,
                new { generatedRow.Version, generatedRow.Sealed, generatedRow.Pem, at = clock.GetUtcNow().ToString("O") },
                transaction));
            // Another node may have generated one at the same moment: the stored one is the key.
            row = connection.QuerySingle<(long, string, string)>(
                "SELECT key_version, private_key_sealed, public_key_pem FROM ga_server_keys ORDER BY key_version DESC LIMIT 1");
            LogGenerated(logger, row.Version);
        }

        KeyVersion = (int)row.Version;
        PublicKeyPem = row.Pem;
        _key = RsaKey.FromPkcs8(box.Open(row.Sealed));
    }

    public int KeyVersion { get; }

    public string PublicKeyPem { get; }

    public string Sign(ReadOnlySpan<byte> content)
    {
        var bytes = content.ToArray();
        return _key.Use(rsa => Protocols.GlobalAccounts.Rsa256Signature.Sign(rsa, bytes));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated the global account API's response signing key (keyVersion {KeyVersion})")]
    private static partial void LogGenerated(ILogger logger, long keyVersion);
}
