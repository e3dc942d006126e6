using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PayHub.Tests.GlobalAccounts.OfficialClients;

/// <summary>
/// PayHub on a real loopback port (the official clients' bytes need a socket: absolute-form targets,
/// repeated header lines), with the demo integrator, a second one whose Client-Id starts <c>SANDBOX_</c>
/// (which the clients send to <c>/ams/sandbox/api</c>), and what each test of an official client needs:
/// the integrator's key to sign with, the server's public key to verify with, authorisation codes.
/// </summary>
public sealed class OfficialClientServer : IAsyncLifetime
{
    public const string ClientId = "DEMO_CLIENT_001";
    public const string SandboxClientId = "SANDBOX_DEMO_CLIENT";
    public const string CustomerId = "2188120000000001";

    private readonly PayHubFactory _factory = new();

    public int Port { get; } = LoopbackEndpoint.FreePort();

    public RSA ClientKey { get; } = GlobalCaller.Load("demo-client-private.pem");

    public RSA ServerKey { get; } = GlobalCaller.Load("demo-server-public.pem");

    public async Task InitializeAsync()
    {
        _factory.UseKestrel(Port);
        _factory.StartServer();
        using var admin = _factory.Admin();
        var created = await admin.PostAsJsonAsync("/admin/integrators", new { clientId = SandboxClientId, name = "sandbox integrator", accountTypes = new[] { "RECEIVE_ACCOUNT", "VIRTUAL_ACCOUNT" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var keyed = await admin.PutAsJsonAsync($"/admin/integrators/{SandboxClientId}/keys/1", new { publicKeyPem = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "worldfirst", "demo-client-public.pem")) });
        Assert.True(keyed.IsSuccessStatusCode);
        var linked = await admin.PutAsJsonAsync($"/admin/integrators/{SandboxClientId}/customers/{CustomerId}", new { referenceCustomerId = "SANDBOX-REF-1", authorised = true });
        Assert.True(linked.IsSuccessStatusCode);
    }

    public async Task DisposeAsync()
    {
        ClientKey.Dispose();
        ServerKey.Dispose();
        await _factory.DisposeAsync();
    }

    /// <summary>An authorisation code for the demo customer, issued through the admin API.</summary>
    public async Task<string> AuthCodeAsync(string clientId = ClientId)
    {
        using var admin = _factory.Admin();
        var issued = await admin.PostAsync($"/admin/integrators/{clientId}/customers/{CustomerId}/auth-codes", null);
        Assert.True(issued.IsSuccessStatusCode);
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authCode").GetString()!;
    }

    /// <summary>Base64 of SHA256withRSA over <c>POST &lt;path&gt;\n&lt;clientId&gt;.&lt;time&gt;.&lt;body&gt;</c>, as every client signs (before its own URL encoding).</summary>
    public string SignBase64(string path, string clientId, string time, string body) =>
        Convert.ToBase64String(ClientKey.SignData(Encoding.UTF8.GetBytes($"POST {path}\n{clientId}.{time}.{body}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>
    /// The client's verification of an answer: URL-decode (every client's decoder turns <c>+</c> into a space),
    /// base64-decode, SHA256withRSA over <c>POST &lt;path&gt;\n&lt;clientId&gt;.&lt;response-time&gt;.&lt;body as text&gt;</c>.
    /// </summary>
    public bool Verifies(string path, string clientId, string responseTime, string body, string urlEncodedSignature)
    {
        var base64 = Uri.UnescapeDataString(urlEncodedSignature.Replace('+', ' '));
        var signature = new byte[512];
        return Convert.TryFromBase64String(base64, signature, out var length)
            && ServerKey.VerifyData(Encoding.UTF8.GetBytes($"POST {path}\n{clientId}.{responseTime}.{body}"), signature.AsSpan(0, length), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>Percent-encoding with upper-case hex (Java's URLEncoder, Python's quote_plus, PHP's urlencode, Go's url.QueryEscape on base64).</summary>
    public static string UpperHexEncode(string base64) => Uri.EscapeDataString(base64);

    /// <summary>Percent-encoding with lower-case hex, as .NET's HttpUtility.UrlEncode writes it (<c>%2b</c>, <c>%2f</c>, <c>%3d</c>).</summary>
    public static string LowerHexEncode(string base64) => Regex.Replace(Uri.EscapeDataString(base64), "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant());
}
