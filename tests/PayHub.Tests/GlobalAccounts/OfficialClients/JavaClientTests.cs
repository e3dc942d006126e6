using System.Text;

namespace PayHub.Tests.GlobalAccounts.OfficialClients;

/// <summary>
/// The bytes of alipay/global-open-sdk-java on the wire, and its check of the answer. Reproduced from
/// <c>src/main/java/com/alipay/global/api/BaseAlipayClient.java</c> (Request-Time as epoch milliseconds;
/// body by fastjson: keys sorted, nulls left out; headers in a HashMap, which iterates Request-Time,
/// Signature, User-Agent, client-id, Content-Type; extra headers such as Connected-CustomerId appended),
/// <c>net/DefaultHttpRPC.java</c> (HttpsURLConnection: Accept, User-Agent, Content-Type and Connection set
/// first, the map's values replacing them in place, new ones after, then the connection's own Host and
/// Content-Length; the answer's signature is the third <c>,</c>-separated part split once on <c>=</c>, and
/// <c>response-time</c> is looked up in any case) and <c>tools/SignatureTool.java</c> (URLEncoder /
/// URLDecoder; verified over the path with the request's Client-Id).
/// </summary>
public sealed class JavaClientTests(OfficialClientServer server) : IClassFixture<OfficialClientServer>
{
    private async Task<RawAnswer> ExecuteAsync(string path, string body, params (string Name, string Value)[] extraHeaders)
    {
        const string clientId = OfficialClientServer.ClientId;
        var requestTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = OfficialClientServer.UpperHexEncode(server.SignBase64(path, clientId, requestTime, body));
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder()
            .Append($"POST {path} HTTP/1.1\r\n")
            .Append("Accept: text/plain,text/xml,text/javascript,text/html\r\n")
            .Append("User-Agent: global-open-sdk-java/2.2.8\r\n")
            .Append("Content-Type: application/json; charset=UTF-8\r\n")
            .Append("Connection: keep-alive\r\n")
            .Append($"Request-Time: {requestTime}\r\n")
            .Append($"Signature: algorithm=RSA256,keyVersion=1,signature={signature}\r\n")
            .Append($"client-id: {clientId}\r\n");
        foreach (var (name, value) in extraHeaders)
        {
            head.Append($"{name}: {value}\r\n");
        }

        head.Append($"Host: 127.0.0.1:{server.Port}\r\n").Append($"Content-Length: {bytes.Length}\r\n").Append("\r\n");
        var answer = await RawExchange.SendAsync(server.Port, head.ToString(), bytes);

        // DefaultHttpRPC.getResponseSignature: split(",") needs 3 parts, the third split("=") exactly 2.
        Assert.Equal("HTTP/1.1 200 OK", answer.StatusLine);
        var parts = answer.AnyCase("signature")!.Split(',');
        Assert.True(parts.Length >= 3, "the Java client finds no signature");
        var item = parts[2].Split('=');
        Assert.Equal(2, item.Length);
        var responseTime = answer.AnyCase("response-time");
        Assert.False(string.IsNullOrEmpty(responseTime)); // else the client returns the answer unverified
        Assert.True(server.Verifies(path, clientId, responseTime, answer.BodyText, item[1]), "the Java client rejects the answer's signature");
        Assert.True(answer.Json.TryGetProperty("result", out _)); // "result field is null" otherwise
        return answer;
    }

    [Fact]
    public async Task ApplyToken_with_epoch_milliseconds_and_sorted_keys()
    {
        var code = await server.AuthCodeAsync();

        var answer = await ExecuteAsync("/ams/api/v1/authorizations/applyToken", $$"""{"authCode":"{{code}}","grantType":"AUTHORIZATION_CODE"}""");

        Assert.Equal("SUCCESS", answer.ResultCode);
        Assert.False(string.IsNullOrEmpty(answer.Json.GetProperty("accessTokenExpiryTime").GetString()));
        Assert.False(string.IsNullOrEmpty(answer.Json.GetProperty("refreshTokenExpiryTime").GetString()));
    }

    [Fact]
    public async Task InquiryBalance_as_WorldFirst_names_the_customer_in_the_Connected_CustomerId_header()
    {
        var answer = await ExecuteAsync(
            "/ams/api/v1/business/account/inquiryBalance",
            """{"balanceTypes":["NORMAL_BALANCE"],"currencyList":["USD"]}""",
            ("Connected-CustomerId", OfficialClientServer.CustomerId));

        Assert.Equal("SUCCESS", answer.ResultCode);
        var lines = answer.Json.GetProperty("accountBalances").EnumerateArray()
            .Select(b => (b.GetProperty("accountNo").GetString(), b.GetProperty("balanceType").GetString(), b.GetProperty("availableBalance").GetProperty("value").GetString()))
            .ToList();
        // The demo customer's USD: the RECEIVE_ACCOUNT's 98,765.43 and the VIRTUAL_ACCOUNT's 2,500.00, in cents.
        Assert.Equal([("7001000000000003", "NORMAL_BALANCE", "9876543"), ("8801000000000001", "NORMAL_BALANCE", "250000")], lines);
    }
}
