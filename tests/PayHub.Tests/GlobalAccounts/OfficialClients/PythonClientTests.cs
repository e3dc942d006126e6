using System.Text;

namespace PayHub.Tests.GlobalAccounts.OfficialClients;

/// <summary>
/// The bytes of alipay/global-open-sdk-python on the wire, and its check of the answer. Reproduced from
/// <c>com/alipay/ams/api/net/default_http_rpc.py</c> (http.client's <c>request("POST", url)</c> with the
/// whole URL: an absolute-form request target, then Host from that URL, Accept-Encoding: identity and
/// Content-Length before the client's own headers), <c>default_alipay_client.py</c> (its headers in dict
/// order: Content-type, Accept, Cache-Control, Connection, User-Agent, Request-Time, client-id, Signature;
/// the answer's headers found only by the exact lower-case names <c>signature</c>, <c>response-time</c>,
/// <c>client-id</c>; verified with the answer's client-id over the path it signed),
/// <c>tools/date_tools.py</c> (<c>datetime.isoformat()</c>: <c>+00:00</c>, no fraction) and
/// <c>tools/signature_tool.py</c> (quote_plus / unquote_plus); bodies are <c>json.dumps(indent=3)</c>.
/// </summary>
public sealed class PythonClientTests(OfficialClientServer server) : IClassFixture<OfficialClientServer>
{
    private async Task<RawAnswer> ExecuteAsync(string path, string body)
    {
        const string clientId = OfficialClientServer.ClientId;
        var gateway = $"https://localhost:{server.Port}";
        var requestTime = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var signature = OfficialClientServer.UpperHexEncode(server.SignBase64(path, clientId, requestTime, body));
        var bytes = Encoding.UTF8.GetBytes(body);
        var head =
            $"POST {gateway}{path} HTTP/1.1\r\n" +
            $"Host: localhost:{server.Port}\r\n" +
            "Accept-Encoding: identity\r\n" +
            $"Content-Length: {bytes.Length}\r\n" +
            "Content-type: application/json; charset=UTF-8\r\n" +
            "Accept: text/plain,text/xml,text/javascript,text/html\r\n" +
            "Cache-Control: no-cache\r\n" +
            "Connection: Keep-Alive\r\n" +
            "User-Agent: global-open-sdk-python/1.5.5\r\n" +
            $"Request-Time: {requestTime}\r\n" +
            $"client-id: {clientId}\r\n" +
            $"Signature: algorithm=RSA256,keyVersion=1,signature={signature}\r\n" +
            "\r\n";
        var answer = await RawExchange.SendAsync(server.Port, head, bytes);

        // __parse_header: exact names, else "response header exception"; then verify.
        Assert.Equal("HTTP/1.1 200 OK", answer.StatusLine);
        var signatureHeader = answer.Exact("signature");
        var responseTime = answer.Exact("response-time");
        var answerClientId = answer.Exact("client-id");
        Assert.NotNull(signatureHeader);
        Assert.NotNull(responseTime);
        Assert.NotNull(answerClientId);
        Assert.True(server.Verifies(path, answerClientId, responseTime, answer.BodyText, signatureHeader.Split("signature=")[1]), "the Python client rejects the answer's signature");
        return answer;
    }

    [Fact]
    public async Task ApplyToken_with_an_absolute_form_target_is_verified_and_signed_over_the_path()
    {
        var code = await server.AuthCodeAsync();
        var body = $"{{\n   \"grantType\": \"AUTHORIZATION_CODE\",\n   \"authCode\": \"{code}\"\n}}";

        var answer = await ExecuteAsync("/ams/api/v1/authorizations/applyToken", body);

        Assert.Equal("SUCCESS", answer.ResultCode);
        Assert.False(string.IsNullOrEmpty(answer.Json.GetProperty("accessTokenExpiryTime").GetString()));
        Assert.False(string.IsNullOrEmpty(answer.Json.GetProperty("refreshTokenExpiryTime").GetString()));
    }

    [Fact]
    public async Task InquiryAccount_under_the_WorldFirst_prefix_in_absolute_form()
    {
        const string body = "{\n   \"accountType\": \"RECEIVE_ACCOUNT\",\n   \"referenceCustomerId\": \"REF-0001\"\n}";

        var answer = await ExecuteAsync("/amsin/api/v1/business/account/inquiryAccount", body);

        Assert.Equal("SUCCESS", answer.ResultCode);
        Assert.Equal("QWER Trading Co., Ltd.", answer.Json.GetProperty("customer").GetProperty("customerCompanyName").GetString());
    }

    [Fact]
    public async Task An_unknown_path_under_the_clients_prefix_is_INVALID_API_in_the_signed_envelope()
    {
        var answer = await ExecuteAsync("/ams/api/v1/payments/pay", "{\n   \"paymentRequestId\": \"P1\"\n}");

        Assert.Equal("INVALID_API", answer.ResultCode);
        Assert.Equal("F", answer.Json.GetProperty("result").GetProperty("resultStatus").GetString());
    }
}
