using System.Text;

namespace PayHub.Tests.GlobalAccounts.OfficialClients;

/// <summary>
/// The bytes of alipay/global-open-sdk-dotnet on the wire, and its check of the answer. Reproduced from
/// <c>ams-dotnet/src/com/alipay/ams/api/request/AMSRequest.cs</c> (BuildRequestHeader: lower-case
/// <c>client-id</c>, <c>signature</c>, <c>request-time</c> as <c>DateTime.UtcNow.ToString("o")</c>, then
/// User-Agent and X-sdkVersion; BuildBody: System.Text.Json, camelCase, nulls written),
/// <c>DefaultAlipayClient.cs</c> (HttpClient: Host first, request headers, then the content's Content-Type and
/// Content-Length; <c>/ams/api</c> becomes <c>/ams/sandbox/api</c> for a SANDBOX_ Client-Id),
/// <c>util/SignatureUtil.cs</c> (HttpUtility.UrlEncode: lower-case hex) and
/// <c>response/AMSResponse.cs</c> (ParseResponse: headers looked up in any case, the signature is what follows
/// <c>signature=</c>, verified over the request URI with the client's own Client-Id).
/// </summary>
public sealed class DotNetClientTests(OfficialClientServer server) : IClassFixture<OfficialClientServer>
{
    private async Task<RawAnswer> ExecuteAsync(string clientId, string originPath, string body)
    {
        var path = clientId.StartsWith("SANDBOX_", StringComparison.Ordinal) ? originPath.Replace("/ams/api", "/ams/sandbox/api", StringComparison.Ordinal) : originPath;
        var requestTime = DateTime.UtcNow.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        var signature = OfficialClientServer.LowerHexEncode(server.SignBase64(path, clientId, requestTime, body));
        var bytes = Encoding.UTF8.GetBytes(body);
        var head =
            $"POST {path} HTTP/1.1\r\n" +
            $"Host: 127.0.0.1:{server.Port}\r\n" +
            $"client-id: {clientId}\r\n" +
            $"signature: algorithm=RSA256,keyVersion=1,signature={signature}\r\n" +
            $"request-time: {requestTime}\r\n" +
            "User-Agent: global-open-sdk-dotnet/2.2.5\r\n" +
            "X-sdkVersion: ams-dotnet.20201113\r\n" +
            "Content-Type: application/json; charset=UTF-8\r\n" +
            $"Content-Length: {bytes.Length}\r\n" +
            "\r\n";
        var answer = await RawExchange.SendAsync(server.Port, head, bytes);

        // AMSResponse.ParseResponse: status 200, response-time and signature present (any case), verified.
        Assert.Equal("HTTP/1.1 200 OK", answer.StatusLine);
        var responseTime = answer.AnyCase("response-time");
        var signatureHeader = answer.AnyCase("signature");
        Assert.NotNull(responseTime);
        Assert.NotNull(signatureHeader);
        Assert.True(server.Verifies(path, clientId, responseTime, answer.BodyText, signatureHeader.Split("signature=")[1]), "the .NET client rejects the answer's signature");
        return answer;
    }

    [Fact]
    public async Task ApplyToken_as_AlipayAuthApplyTokenRequest_sends_it_with_its_nulls_and_reads_both_expiry_times()
    {
        var code = await server.AuthCodeAsync();
        var body = $$"""{"merchantAccountId":null,"grantType":"AUTHORIZATION_CODE","customerBelongsTo":"ALIPAY_CN","authCode":"{{code}}","refreshToken":null,"extendInfo":null,"merchantRegion":null}""";

        var answer = await ExecuteAsync(OfficialClientServer.ClientId, "/ams/api/v1/authorizations/applyToken", body);

        Assert.Equal("SUCCESS", answer.ResultCode);
        var json = answer.Json;
        Assert.StartsWith("wfat_", json.GetProperty("accessToken").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("wfrt_", json.GetProperty("refreshToken").GetString(), StringComparison.Ordinal);
        var accessExpiry = DateTimeOffset.Parse(json.GetProperty("accessTokenExpiryTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var refreshExpiry = DateTimeOffset.Parse(json.GetProperty("refreshTokenExpiryTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(accessExpiry - DateTimeOffset.UtcNow, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30.1));
        Assert.True(refreshExpiry > accessExpiry);
        Assert.EndsWith("+08:00", json.GetProperty("accessTokenExpiryTime").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InquiryAccount_as_an_integrators_own_AMSRequest_with_null_identifiers()
    {
        const string body = """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001","customerId":null,"accessToken":null}""";

        var answer = await ExecuteAsync(OfficialClientServer.ClientId, "/ams/api/v1/business/account/inquiryAccount", body);

        Assert.Equal("SUCCESS", answer.ResultCode);
        Assert.Equal(OfficialClientServer.CustomerId, answer.Json.GetProperty("customerId").GetString());
        Assert.Equal(3, answer.Json.GetProperty("accountInfos").GetArrayLength());
    }

    [Fact]
    public async Task A_SANDBOX_client_id_goes_to_the_sandbox_path_and_is_answered_there()
    {
        var code = await server.AuthCodeAsync(OfficialClientServer.SandboxClientId);
        var body = $$"""{"merchantAccountId":null,"grantType":"AUTHORIZATION_CODE","customerBelongsTo":"ALIPAY_CN","authCode":"{{code}}","refreshToken":null,"extendInfo":null,"merchantRegion":null}""";

        var answer = await ExecuteAsync(OfficialClientServer.SandboxClientId, "/ams/api/v1/authorizations/applyToken", body);

        Assert.Equal("SUCCESS", answer.ResultCode);
        Assert.Equal(OfficialClientServer.SandboxClientId, answer.AnyCase("client-id"));
    }
}
