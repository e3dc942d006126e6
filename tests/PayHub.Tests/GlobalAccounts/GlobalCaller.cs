using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PayHub.Protocols.GlobalAccounts;

namespace PayHub.Tests.GlobalAccounts;

/// <summary>An integrator's client: signs requests with the sandbox client key, as the official clients do, and checks every response signature with the server's public key.</summary>
public sealed class GlobalCaller(HttpClient http, TimeProvider? clock = null, string? serverPublicKeyPem = null) : IDisposable
{
    public const string ClientId = "DEMO_CLIENT_001";
    public const string InquiryAccount = "/amsin/api/v1/business/account/inquiryAccount";
    public const string InquiryBalance = "/amsin/api/v1/business/account/inquiryBalance";
    public const string ApplyToken = "/amsin/api/v1/authorizations/applyToken";
    public const string ApplyTokenAlias = "/amsin/api/v1/oauth/applyToken";

    private readonly RSA _clientKey = Load("demo-client-private.pem");
    private readonly RSA _serverKey = serverPublicKeyPem is null ? Load("demo-server-public.pem") : FromPem(serverPublicKeyPem);

    private static RSA FromPem(string pem)
    {
        var key = RSA.Create();
        key.ImportFromPem(pem);
        return key;
    }

    public static RSA Load(string pem)
    {
        var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "worldfirst", pem)));
        return key;
    }

    public string Now(bool epochMillis = false)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        return epochMillis ? now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) : RequestTime.Format(now);
    }

    /// <summary>Sends a body signed over exactly these bytes; every part of the request can be overridden to break it.</summary>
    public async Task<GlobalResponse> PostAsync(
        string path,
        string body,
        string? time = null,
        string clientId = ClientId,
        int keyVersion = 1,
        RSA? signWith = null,
        string? signatureHeader = null,
        string? signedBody = null,
        string method = "POST",
        string contentType = "application/json; charset=UTF-8",
        byte[]? bytes = null,
        params (string Name, string Value)[] headers)
    {
        time ??= Now();
        bytes ??= Encoding.UTF8.GetBytes(body);
        var content = Rsa256Signature.Content("POST", path, clientId, time, signedBody is null ? bytes : Encoding.UTF8.GetBytes(signedBody));
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        request.Headers.TryAddWithoutValidation("Client-Id", clientId);
        request.Headers.TryAddWithoutValidation("Request-Time", time);
        request.Headers.TryAddWithoutValidation("Signature", signatureHeader ?? SignatureHeader.Rsa256(keyVersion, Rsa256Signature.Sign(signWith ?? _clientKey, content)).ToString());
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var responseTime = response.Headers.GetValues("response-time").Single();
        var signature = response.Headers.GetValues("signature").Single();
        Assert.Equal(clientId, response.Headers.GetValues("client-id").Single());
        // What an official client does: split on ',' and take the third element.
        var encoded = signature.Split(',')[2]["signature=".Length..];
        Assert.StartsWith("algorithm=RSA256,keyVersion=1,signature=", signature, StringComparison.Ordinal);
        Assert.True(
            Rsa256Signature.Verify(_serverKey, Rsa256Signature.Content("POST", path, clientId, responseTime, answer), encoded),
            "response signature does not verify: " + Encoding.UTF8.GetString(answer));
        Assert.True(RequestTime.TryParse(responseTime, out _));
        Assert.EndsWith("+08:00", responseTime, StringComparison.Ordinal);
        return new GlobalResponse(JsonDocument.Parse(answer).RootElement.Clone(), Encoding.UTF8.GetString(answer));
    }

    public void Dispose()
    {
        _clientKey.Dispose();
        _serverKey.Dispose();
    }
}

public sealed record GlobalResponse(JsonElement Json, string Text)
{
    public string ResultCode => Json.GetProperty("result").GetProperty("resultCode").GetString()!;

    public string ResultStatus => Json.GetProperty("result").GetProperty("resultStatus").GetString()!;

    public string? this[string field] => Json.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
