using System.Security.Cryptography;
using System.Text;

namespace PayHub.Protocols.Agreements;

/// <summary>
/// Caller authentication of the gateway: <c>X-DSP-Client</c> names the front-end and
/// <c>X-DSP-Signature</c> is the lower-case hex HMAC-SHA256 of the raw body under its secret.
/// </summary>
public static class DspSignature
{
    public const string ClientHeader = "X-DSP-Client";
    public const string SignatureHeader = "X-DSP-Signature";

    public static string Compute(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    public static string Compute(string secret, ReadOnlySpan<byte> body) => Compute(Encoding.UTF8.GetBytes(secret), body);

    /// <summary>True when <paramref name="signatureHex"/> is the body's signature (compared in constant time; hex case ignored).</summary>
    public static bool Verify(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> body, string signatureHex)
    {
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(secret, body, expected);
        Span<byte> given = stackalloc byte[32];
        return signatureHex.Length == 64
            && Convert.FromHexString(signatureHex, given, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == 32
            && CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
