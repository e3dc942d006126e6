using System.Text;

namespace PayHub.Tests.GlobalAccounts.OfficialClients;

/// <summary>
/// The bytes of alipay/global-open-sdk-php on the wire, and its check of the answer. Reproduced from
/// <c>client/BaseAlipayClient.php</c> (<c>date(DATE_ISO8601)</c>: <c>±hhmm</c>; header lines written as
/// <c>Name:value</c> without a space: Content-Type, Request-Time, client-id, Signature, then User-Agent;
/// <c>json_encode</c> bodies with <c>\/</c>), <c>client/DefaultAlipayClient.php</c> (curl: Host and
/// Accept first, Content-Length after the custom headers; the answer's header lines scanned with the
/// case-sensitive <c>strstr</c> for <c>response-time</c> and <c>signature</c>, and verification silently
/// skipped when they are not found) and <c>client/SignatureTool.php</c> (urlencode; base64_decode(urldecode())).
/// </summary>
public sealed class PhpClientTests(OfficialClientServer server) : IClassFixture<OfficialClientServer>
{
    private async Task<RawAnswer> ExecuteAsync(string path, string body, TimeSpan zone)
    {
        const string clientId = OfficialClientServer.ClientId;
        var requestTime = DateTimeOffset.UtcNow.ToOffset(zone).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
            + (zone < TimeSpan.Zero ? "-" : "+") + zone.Duration().ToString("hhmm", System.Globalization.CultureInfo.InvariantCulture);
        var signature = OfficialClientServer.UpperHexEncode(server.SignBase64(path, clientId, requestTime, body));
        var bytes = Encoding.UTF8.GetBytes(body);
        var head =
            $"POST {path} HTTP/1.1\r\n" +
            $"Host: 127.0.0.1:{server.Port}\r\n" +
            "Accept: */*\r\n" +
            "Content-Type:application/json; charset=UTF-8\r\n" +
            $"Request-Time:{requestTime}\r\n" +
            $"client-id:{clientId}\r\n" +
            $"Signature:algorithm=RSA256,keyVersion=1,signature={signature}\r\n" +
            "User-Agent:global-open-sdk-php/1.5.5\r\n" +
            $"Content-Length: {bytes.Length}\r\n" +
            "\r\n";
        var answer = await RawExchange.SendAsync(server.Port, head, bytes);

        // DefaultAlipayClient::sendRequest: HTTP code 200, then each header line scanned case-sensitively.
        Assert.Equal("HTTP/1.1 200 OK", answer.StatusLine);
        string? responseTime = null, responseSignature = null;
        foreach (var line in answer.HeaderBlock.Split("\r\n"))
        {
            if (line.Contains("response-time", StringComparison.Ordinal))
            {
                responseTime = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
            else if (line.Contains("signature", StringComparison.Ordinal))
            {
                responseSignature = line[(line.LastIndexOf('=') + 1)..];
            }
        }

        Assert.NotNull(responseTime); // else the PHP client returns the answer without verifying it
        Assert.NotNull(responseSignature);
        Assert.True(server.Verifies(path, clientId, responseTime, answer.BodyText, responseSignature), "the PHP client rejects the answer's signature");
        return answer;
    }

    [Theory]
    [InlineData(0)] // a server on UTC: +0000
    [InlineData(8)] // a server under a China time zone: +0800
    public async Task ApplyToken_with_a_hhmm_offset_and_no_space_after_the_colons(int zoneHours)
    {
        var code = await server.AuthCodeAsync();

        var answer = await ExecuteAsync("/ams/api/v1/authorizations/applyToken", $$"""{"grantType":"AUTHORIZATION_CODE","authCode":"{{code}}"}""", TimeSpan.FromHours(zoneHours));

        Assert.Equal("SUCCESS", answer.ResultCode);
        Assert.False(string.IsNullOrEmpty(answer.Json.GetProperty("accessTokenExpiryTime").GetString()));
    }

    [Fact]
    public async Task InquiryAccount_with_a_json_encode_body()
    {
        var answer = await ExecuteAsync("/amsin/api/v1/business/account/inquiryAccount", """{"accountType":"ALIPAY_SHADOW_WALLET","customerId":"2188120000000001"}""", TimeSpan.Zero);

        Assert.Equal("SUCCESS", answer.ResultCode);
        Assert.Equal("2088000000000001", answer.Json.GetProperty("accountInfos")[0].GetProperty("accountNo").GetString());
    }
}
