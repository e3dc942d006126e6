using System.Security.Cryptography;
using PayHub.Secrets;

namespace PayHub.GlobalAccounts;

/// <summary>
/// The server's own RSA-2048 key, which signs every response: the newest row of
/// <c>ga_server_keys</c>, generated on first start when there is none and kept sealed under the
/// master key (the demo loads the public sandbox key instead).
/// </summary>
public sealed partial class ServerSigningKey
{
    private readonly RsaKey _key;

    public ServerSigningKey(ServerKeyStore store, SecretBox box, TimeProvider clock, ILogger<ServerSigningKey> logger)
    {
        if (store.Newest() is not { } row)
        {
            using var generated = RSA.Create(2048);
            store.AddIfNone(1, box.Seal(generated.ExportPkcs8PrivateKey()), generated.ExportSubjectPublicKeyInfoPem(), clock.GetUtcNow());
            row = store.Newest()!.Value; // another node may have generated one at the same moment: the stored one is the key
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
