using System.Net.Http.Headers;
using System.Text;
using PayHub.Protocols.Agreements;

namespace PayHub.Tests.Agreements;

/// <summary>A front-end system's side of the gateway, written with the same wire code the server reads with.</summary>
public sealed class DspCaller(HttpClient http, string clientId = DspCaller.ClientId, string secret = DspCaller.Secret)
{
    public const string ClientId = "demo-frontend";
    public const string Secret = "demo-dsp-secret";
    public const string FixedCode = "123456";

    private static int s_accounts;

    /// <summary>A payer account no test has used, ending as asked (9901, 9902, 9903 trigger the sandbox bank's failures).</summary>
    public static string NewPayAct(string ending = "0000") =>
        "62220" + DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture)
        + Interlocked.Increment(ref s_accounts).ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + ending;

    public static string NewReqSeqId() => "T" + Guid.NewGuid().ToString("N")[..24];

    /// <summary>A Contract or DeContract step for the given accounts, with the seed table's other sample values.</summary>
    public static AtsyhRequest Step(string transType, string step, string payAct, string bankCode = "ALIPAY01", string? smsCode = null,
        string recAct = "6217661145901883428", string? policyNo = null, string? reqSeqId = null)
    {
        var request = new AtsyhRequest();
        request.Header.Set("BankCode", bankCode).Set("TransType", transType).Set("CommandCode", "9108Auth")
            .Set("TransSeqID", Guid.NewGuid().ToString("N")[..14]).Set("TransTime", "2021-07-27 15:04:41");
        request.Detail.Set("ReqSeqID", reqSeqId ?? NewReqSeqId()).Set("PayAct", payAct).Set("PayName", "名侦探悟空").Set("PayBankCode", "102")
            .Set("RecAct", recAct).Set("RecName", "姬俞").Set("RecBankCode", "102").Set("PayAmount", "667.00")
            .Set("CellPhone", "15158040490").Set("DeadLine", "20991231").Set("SingleLimit", "12000.00").Set("Step", step);
        if (policyNo is not null)
        {
            request.Detail.Set("PolicyNo", policyNo);
        }

        if (smsCode is not null)
        {
            request.Detail.Set("SmsCode", smsCode);
        }

        return request;
    }

    public static AtsyhRequest Query(string bankCode, string? payAct = null, string? authCode = null, string recAct = "6217661145901883428", string? policyNo = null)
    {
        var request = new AtsyhRequest();
        request.Header.Set("BankCode", bankCode).Set("TransType", "QryContract").Set("CommandCode", "9108Auth").Set("TransSeqID", "Q1");
        request.Detail.Set("ReqSeqID", NewReqSeqId());
        if (authCode is not null)
        {
            request.Detail.Set("AuthCode", authCode);
        }

        if (payAct is not null)
        {
            request.Detail.Set("PayAct", payAct).Set("RecAct", recAct);
        }

        if (policyNo is not null)
        {
            request.Detail.Set("PolicyNo", policyNo);
        }

        return request;
    }

    public Task<DspResponse> SendAsync(AtsyhRequest request) => PostAsync(AtsyhCodec.WriteRequest(request));

    /// <summary>Posts raw bytes signed as this front-end (or with the given signature / client header).</summary>
    public async Task<DspResponse> PostAsync(byte[] body, string? signature = null, string? client = null, bool sign = true)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/dsp") { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        if (sign)
        {
            message.Headers.Add(DspSignature.ClientHeader, client ?? clientId);
            message.Headers.Add(DspSignature.SignatureHeader, signature ?? DspSignature.Compute(secret, body));
        }

        using var response = await http.SendAsync(message);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var read = AtsyhCodec.ReadResponse(bytes);
        Assert.True(read.Message is not null, "not an ATSYH response: " + Encoding.UTF8.GetString(bytes));
        return new DspResponse(read.Message!, bytes);
    }

    /// <summary>Signs a new agreement (step 01 then 02 with the sandbox code); returns its AuthCode.</summary>
    public async Task<string> SignAsync(string payAct, string bankCode = "ALIPAY01")
    {
        Assert.Equal("EC100", (await SendAsync(Step("Contract", "01", payAct, bankCode))).UnifiedCode);
        var confirmed = await SendAsync(Step("Contract", "02", payAct, bankCode, FixedCode));
        Assert.Equal("EC000", confirmed.UnifiedCode);
        return confirmed["AuthCode"]!;
    }
}

/// <summary>A gateway answer: the envelope and its DetailRecord fields.</summary>
public sealed record DspResponse(AtsyhResponse Envelope, byte[] Body)
{
    public string? this[string field] => Envelope.Detail.Get(field);

    public string UnifiedCode => this["UnifiedCode"] ?? "";

    public string RespCode => this["RespCode"] ?? "";

    public string Text => Encoding.UTF8.GetString(Body);
}
