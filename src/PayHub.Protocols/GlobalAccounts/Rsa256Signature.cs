using System.Security.Cryptography;
using System.Text;

namespace PayHub.Protocols.GlobalAccounts;

/// <summary>
/// WorldFirst/Antom "RSA256": SHA256withRSA (PKCS#1 v1.5) over the UTF-8 bytes of
/// <c>POST &lt;request URI&gt;\n&lt;client id&gt;.&lt;time&gt;.&lt;raw body&gt;</c>, carried as URL-encoded base64.
/// The same content layout signs requests (with the client's key) and responses (with the server's).
/// </summary>
public static class Rsa256Signature
{
    /// <summary>The bytes that are signed: the body is appended as it is, never re-serialised.</summary>
    public static byte[] Content(string method, string requestUri, string clientId, string time, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes($"{method} {requestUri}\n{clientId}.{time}.");
        var content = new byte[head.Length + body.Length];
        head.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(head.Length));
        return content;
    }

    /// <summary>The URL-encoded base64 signature of the content.</summary>
    public static string Sign(RSA key, ReadOnlySpan<byte> content) =>
        Uri.EscapeDataString(Convert.ToBase64String(key.SignData(content, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));

    /// <summary>True when <paramref name="encodedSignature"/> (URL-encoded base64; <c>%XX</c> decoded in either case, <c>+</c> kept) signs the content.</summary>
    public static bool Verify(RSA key, ReadOnlySpan<byte> content, string encodedSignature)
    {
        Span<byte> signature = stackalloc byte[1024];
        var base64 = Uri.UnescapeDataString(encodedSignature);
        return Convert.TryFromBase64String(base64, signature, out var length)
            && key.VerifyData(content, signature[..length], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
