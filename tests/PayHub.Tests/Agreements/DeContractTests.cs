namespace PayHub.Tests.Agreements;

/// <summary>Unsigning: step 01 and 02 on a signed agreement, the seed's response example, not found.</summary>
public sealed class DeContractTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private readonly DspCaller _frontEnd = new(factory.CreateClient());

    [Fact]
    public async Task Unsigning_the_demo_CMBC02_agreement_gives_the_seeds_response_example()
    {
        var request = DspCaller.Step("DeContract", "02", "6123011880003601000", "CMBC02", "123456", recAct: "001053110000001123", reqSeqId: "ATS2021042812014386060471");
        request.Header.Set("TransSeqID", "20210428120143860604711");

        var answer = await _frontEnd.SendAsync(request);

        // The seed's example, except OriginalCode: there a channel said S; here the gateway's own record answers.
        var seed = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "vectors", "seeds", "dsp-response-example.xml")));
        Assert.Equal(seed.Replace("<OriginalCode>S</OriginalCode>", "<OriginalCode></OriginalCode>", StringComparison.Ordinal), answer.Text);
    }

    [Fact]
    public async Task Step_01_then_02_unsigns_a_signed_agreement()
    {
        var payAct = DspCaller.NewPayAct();
        var authCode = await _frontEnd.SignAsync(payAct);

        var applied = await _frontEnd.SendAsync(DspCaller.Step("DeContract", "01", payAct));
        var pending = await _frontEnd.SendAsync(DspCaller.Query("ALIPAY01", authCode: authCode));
        var confirmed = await _frontEnd.SendAsync(DspCaller.Step("DeContract", "02", payAct, smsCode: "123456"));
        var unsigned = await _frontEnd.SendAsync(DspCaller.Query("ALIPAY01", payAct));
        var again = await _frontEnd.SendAsync(DspCaller.Step("DeContract", "01", payAct));

        Assert.Equal(("EC100", "processing", "T"), (applied.UnifiedCode, applied["DeSignState"], applied["OriginalCode"]));
        Assert.Equal("unsign_pending", pending["ContractState"]);
        Assert.Equal(("EC000", "success", "S"), (confirmed.UnifiedCode, confirmed["DeSignState"], confirmed["OriginalCode"]));
        Assert.Null(confirmed["SignState"]);
        Assert.Equal(("unsigned", authCode), (unsigned["ContractState"], unsigned["AuthCode"]));
        Assert.Equal(("EC801", "fail", ""), (again.UnifiedCode, again["DeSignState"], again["OriginalCode"]));
    }

    [Fact]
    public async Task A_wrong_unsign_code_is_EC803_and_step_02_without_step_01_is_EC804()
    {
        var payAct = DspCaller.NewPayAct();
        await _frontEnd.SignAsync(payAct);

        var early = await _frontEnd.SendAsync(DspCaller.Step("DeContract", "02", payAct, smsCode: "123456"));
        await _frontEnd.SendAsync(DspCaller.Step("DeContract", "01", payAct));
        var wrong = await _frontEnd.SendAsync(DspCaller.Step("DeContract", "02", payAct, smsCode: "654321"));

        Assert.Equal(("EC804", "fail"), (early.UnifiedCode, early["DeSignState"]));
        Assert.Equal(("EC803", "F_CODE"), (wrong.UnifiedCode, wrong["OriginalCode"]));
    }

    [Fact]
    public async Task Five_wrong_unsign_codes_void_the_apply_and_the_agreement_stays_signed()
    {
        var payAct = DspCaller.NewPayAct();
        await _frontEnd.SignAsync(payAct, "GZELINK01");
        await _frontEnd.SendAsync(DspCaller.Step("DeContract", "01", payAct, "GZELINK01"));

        var last = "";
        for (var i = 0; i < 5; i++)
        {
            last = (await _frontEnd.SendAsync(DspCaller.Step("DeContract", "02", payAct, "GZELINK01", "99999" + i))).UnifiedCode;
        }

        var query = await _frontEnd.SendAsync(DspCaller.Query("GZELINK01", payAct));
        Assert.Equal("EC805", last);
        Assert.Equal("signed", query["ContractState"]);
    }

    [Fact]
    public async Task Unsigning_an_agreement_the_gateway_does_not_have_is_EC802()
    {
        var applied = await _frontEnd.SendAsync(DspCaller.Step("DeContract", "01", DspCaller.NewPayAct()));
        var byAuthCode = DspCaller.Step("DeContract", "02", DspCaller.NewPayAct(), smsCode: "123456");
        byAuthCode.Detail.Set("AuthCode", "99999999999999999999");
        var confirmed = await _frontEnd.SendAsync(byAuthCode);

        Assert.Equal(("0", "EC802", "fail", ""), (applied.RespCode, applied.UnifiedCode, applied["DeSignState"], applied["OriginalCode"]));
        Assert.Equal("EC802", confirmed.UnifiedCode);
    }
}
