using System.Security.Cryptography;

namespace PayHub.Client.GlobalAccounts;

/// <summary>An integrator's credentials at a WorldFirst-compatible account API, and the server key its answers must be signed with.</summary>
public sealed class GlobalAccountsClientOptions : PayHubClientOptions
{
    private RSA? _clientKey;
    private RSA? _serverKey;

    /// <summary>The integrator's Client-Id (demo: <c>DEMO_CLIENT_001</c>).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The integrator's RSA private key (PEM, PKCS#1 or PKCS#8) that signs every request.</summary>
    public string ClientPrivateKeyPem { get; set; } = "";

    /// <summary>The keyVersion under which the server holds the matching public key.</summary>
    public int KeyVersion { get; set; } = 1;

    /// <summary>The server's RSA public key (PEM): every answer is verified with it, and refused when it does not verify.</summary>
    public string ServerPublicKeyPem { get; set; } = "";

    /// <summary>The prefix of the operations' paths: <c>/amsin/api/v1</c>, <c>/ams/api/v1</c> or <c>/ams/sandbox/api/v1</c>.</summary>
    public string PathPrefix { get; set; } = "/amsin/api/v1";

    internal RSA ClientKey => _clientKey ??= Import(ClientPrivateKeyPem, nameof(ClientPrivateKeyPem));

    internal RSA ServerKey => _serverKey ??= Import(ServerPublicKeyPem, nameof(ServerPublicKeyPem));

    private static RSA Import(string pem, string name)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new InvalidOperationException($"Set {name} in the global account client's options.");
        }

        var key = RSA.Create();
        key.ImportFromPem(pem);
        return key;
    }
}
