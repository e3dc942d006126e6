using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PayHub.Protocols.GlobalAccounts;

namespace PayHub.Bench;

/// <summary>
/// Lets wrk send a signed inquiryAccount: signs the demo request with the sandbox client key, now,
/// with the same signer the server verifies with, and writes the body and headers as Lua. The
/// Request-Time stays inside the server's 10-minute window for the length of a bench run.
/// </summary>
public static class GlobalRequest
{
    public const string Path = "/amsin/api/v1/business/account/inquiryAccount";
    public const string Body = """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001"}""";

    public static int Write(string clientKeyPem, string luaPath)
    {
        using var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(clientKeyPem));
        var time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var content = Rsa256Signature.Content("POST", Path, "DEMO_CLIENT_001", time, Encoding.UTF8.GetBytes(Body));
        var signature = SignatureHeader.Rsa256(1, Rsa256Signature.Sign(key, content)).ToString();
        File.WriteAllText(luaPath, $"""
            wf_path = "{Path}"
            wf_body = [==[{Body}]==]
            wf_time = "{time}"
            wf_signature = "{signature}"

            """);
        return 0;
    }
}
