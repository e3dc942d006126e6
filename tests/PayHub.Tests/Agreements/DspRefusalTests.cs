using System.Text;
using PayHub.Protocols.Agreements;

namespace PayHub.Tests.Agreements;

/// <summary>Refusals in SPEC order: signature EC906, rate limit EC907, fields EC901, routing EC903; none changes an agreement.</summary>
public sealed class DspRefusalTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private readonly DspCaller _frontEnd = new(factory.CreateClient());

    private static byte[] SeedRequest() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "vectors", "seeds", "dsp-request-example.xml"));

    [Fact]
    public async Task The_seeds_own_request_example_is_refused_with_EC901_naming_its_faults()
    {
        var answer = await _frontEnd.PostAsync(SeedRequest());

        Assert.Equal(("-1", "EC901", ""), (answer.RespCode, answer.UnifiedCode, answer["OriginalCode"]));
        Assert.Equal(("GZELINK01", "DeContract", "30191205151125"), (answer.Envelope.Header.Get("BankCode"), answer.Envelope.Header.Get("TransType"), answer.Envelope.Header.Get("TransSeqID")));
        Assert.Equal("G0120031611501284062", answer["ReqSeqID"]);
        Assert.Null(answer["DeSignState"]);
        foreach (var field in (string[])["SingleLimit: not an amount", "DeadLine: not a date", "CardType: must be 2", "PayAmount: required", "RecName: required", "RecBankCode: required", "PayBankCode: required", "CellPhone: required"])
        {
            Assert.Contains(field, answer["RespInfo"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_signature_a_wrong_one_or_an_unknown_client_is_EC906_before_anything_else()
    {
        var body = SeedRequest();

        var unsigned = await _frontEnd.PostAsync(body, sign: false);
        var wrong = await _frontEnd.PostAsync(body, signature: DspSignature.Compute("not-the-secret", body));
        var unknownClient = await _frontEnd.PostAsync(body, client: "someone-else");
        var notXml = await _frontEnd.PostAsync("hello"u8.ToArray(), signature: new string('0', 64));

        Assert.All([unsigned, wrong, unknownClient, notXml], a => Assert.Equal(("-1", "EC906"), (a.RespCode, a.UnifiedCode)));
        Assert.Equal("", notXml.Envelope.Header.Get("BankCode"));
    }

    [Fact]
    public async Task A_body_that_is_not_XML_or_too_large_is_EC901_with_empty_echo_fields()
    {
        var notXml = await _frontEnd.PostAsync("{\"json\": true}"u8.ToArray());
        var large = await _frontEnd.PostAsync(Encoding.UTF8.GetBytes("<ATSYH><TransReq><TransParam><DetailRecord><Memo>" + new string('x', 70 * 1024) + "</Memo></DetailRecord></TransParam></TransReq></ATSYH>"));
        var dtd = await _frontEnd.PostAsync(Encoding.UTF8.GetBytes("<!DOCTYPE ATSYH [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><ATSYH><TransReq><BankCode>&e;</BankCode><TransParam><DetailRecord/></TransParam></TransReq></ATSYH>"));

        Assert.Equal(("-1", "EC901", ""), (notXml.RespCode, notXml.UnifiedCode, notXml.Envelope.Header.Get("BankCode")));
        Assert.Equal("EC901", large.UnifiedCode);
        Assert.Contains("larger than 65536", large["RespInfo"], StringComparison.Ordinal);
        Assert.Equal("EC901", dtd.UnifiedCode);
        Assert.DoesNotContain("root:", dtd.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_BankCode_or_an_unsupported_CommandCode_is_EC903()
    {
        var unknownBank = await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct(), "NOSUCHBANK"));
        var command = DspCaller.Step("Contract", "01", DspCaller.NewPayAct());
        command.Header.Set("CommandCode", "9999Other");
        var unsupported = await _frontEnd.SendAsync(command);

        Assert.Equal(("-1", "EC903"), (unknownBank.RespCode, unknownBank.UnifiedCode));
        Assert.Contains("NOSUCHBANK", unknownBank["RespInfo"], StringComparison.Ordinal);
        Assert.Equal("EC903", unsupported.UnifiedCode);
        Assert.Contains("9999Other", unsupported["RespInfo"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fields_are_checked_before_routing()
    {
        var both = DspCaller.Step("Contract", "01", DspCaller.NewPayAct(), "NOSUCHBANK");
        both.Detail.Set("PayAmount", "12");

        var answer = await _frontEnd.SendAsync(both);

        Assert.Equal("EC901", answer.UnifiedCode);
        Assert.Contains("PayAmount: not an amount", answer["RespInfo"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_front_end_over_its_rate_limit_gets_EC907_and_a_wrong_signature_still_EC906()
    {
        using var admin = factory.Admin();
        var created = await admin.PostAsJsonAsync("/admin/front-ends", new { clientId = "limited-frontend", name = "限流前端", rateLimitPerSecond = 2 });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var secret = (await created.Content.ReadFromJsonAsync<Issued>())!.Secret;
        var limited = new DspCaller(factory.CreateClient(), "limited-frontend", secret);

        var codes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            codes.Add((await limited.SendAsync(DspCaller.Query("ALIPAY01", authCode: "30101194506012712"))).UnifiedCode);
        }

        var badSignature = await limited.PostAsync(SeedRequest(), signature: new string('a', 64));

        Assert.Contains("EC907", codes);
        Assert.Equal("EC000", codes[0]);
        Assert.Equal(("-1", "EC906"), (badSignature.RespCode, badSignature.UnifiedCode));
    }

    public sealed record Issued(string ClientId, string Secret);
}
