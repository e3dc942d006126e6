using System.Text;

namespace PayHub.Tests.GlobalAccounts.OfficialClients;

/// <summary>
/// The bytes of alipay/global-open-sdk-go on the wire, and its check of the answer. Reproduced from
/// <c>com/alipay/api/defaultAlipayClient.go</c> (httpDo: <c>Header.Set("Content-type", "application/json")</c>
/// and then <c>Header.Add</c> of buildBaseHeader's <c>Content-Type: application/json; charset=UTF-8</c>, so
/// Content-Type goes out twice; net/http writes Host, User-Agent and Content-Length, then the other headers
/// canonicalised and sorted (an unset agent token as an empty <c>Agent-Token</c>), then Accept-Encoding;
/// Request-Time as epoch milliseconds; the answer verified with <c>resp.Header.Get("Client-id")</c> over
/// <c>req.URL.Path</c>) and <c>tools/WebhookTool.go</c> / <c>tools/SignatureTool.go</c> (the signature is
/// what follows <c>signature=</c>; url.QueryEscape / QueryUnescape).
/// </summary>
public sealed class GoClientTests(OfficialClientServer server) : IClassFixture<OfficialClientServer>
{
    private async Task<RawAnswer> ExecuteAsync(string path, string body, params (string Name, string Value)[] extraHeaders)
    {
        const string clientId = OfficialClientServer.ClientId;
        var requestTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = OfficialClientServer.UpperHexEncode(server.SignBase64(path, clientId, requestTime, body));
        var bytes = Encoding.UTF8.GetBytes(body);
        var sorted = new List<(string Name, string Value)>
        {
            ("Agent-Token", ""),
            ("Client-Id", clientId),
            ("Content-Type", "application/json"),
            ("Content-Type", "application/json; charset=UTF-8"),
            ("Key-Version", "1"),
            ("Request-Time", requestTime),
            ("Sdk-Version", "global-open-sdk-go"),
            ("Signature", $"algorithm=RSA256,keyVersion=1,signature={signature}"),
        };
        sorted.AddRange(extraHeaders);
        var head = new StringBuilder()
            .Append($"POST {path} HTTP/1.1\r\n")
            .Append($"Host: 127.0.0.1:{server.Port}\r\n")
            .Append("User-Agent: global-open-sdk-go/1.3.5\r\n")
            .Append($"Content-Length: {bytes.Length}\r\n");
        foreach (var (name, value) in sorted.OrderBy(h => h.Name, StringComparer.Ordinal)) // stable: the two Content-Types keep their order
        {
            head.Append($"{name}: {value}\r\n");
        }

        head.Append("Accept-Encoding: gzip\r\n\r\n");
        var answer = await RawExchange.SendAsync(server.Port, head.ToString(), bytes);

        Assert.Equal("HTTP/1.1 200 OK", answer.StatusLine);
        var signatureHeader = answer.AnyCase("Signature");
        Assert.False(string.IsNullOrEmpty(signatureHeader)); // "empty notify signature"
        Assert.True(
            server.Verifies(path, answer.AnyCase("Client-id") ?? "", answer.AnyCase("response-time") ?? "", answer.BodyText, signatureHeader.Split("signature=")[1]),
            "the Go client rejects the answer's signature");
        return answer;
    }

    [Fact]
    public async Task ApplyToken_with_Content_Type_twice_and_an_empty_Agent_Token()
    {
        var code = await server.AuthCodeAsync();

        var answer = await ExecuteAsync("/ams/api/v1/authorizations/applyToken", $$"""{"grantType":"AUTHORIZATION_CODE","authCode":"{{code}}"}""");

        Assert.Equal("SUCCESS", answer.ResultCode);
        Assert.False(string.IsNullOrEmpty(answer.Json.GetProperty("accessTokenExpiryTime").GetString()));
    }

    [Fact]
    public async Task InquiryBalance_with_an_access_token_in_the_canonicalised_Access_Token_header()
    {
        var code = await server.AuthCodeAsync();
        var token = (await ExecuteAsync("/ams/api/v1/authorizations/applyToken", $$"""{"grantType":"AUTHORIZATION_CODE","authCode":"{{code}}"}""")).Json.GetProperty("accessToken").GetString()!;

        var answer = await ExecuteAsync("/ams/api/v1/business/account/inquiryBalance", """{"currencyList":["JPY"]}""", ("Access-Token", token));

        Assert.Equal("SUCCESS", answer.ResultCode);
        var line = Assert.Single(answer.Json.GetProperty("accountBalances").EnumerateArray());
        Assert.Equal(("7001000000000002", "1500000"), (line.GetProperty("accountNo").GetString(), line.GetProperty("totalBalance").GetProperty("value").GetString()));
    }

    [Fact]
    public async Task Content_Type_twice_is_refused_when_one_of_them_is_not_JSON()
    {
        var answer = await ExecuteAsync("/ams/api/v1/authorizations/applyToken", "{}", ("Content-Type", "text/plain"));

        Assert.Equal("MEDIA_TYPE_NOT_ACCEPTABLE", answer.ResultCode);
    }
}
