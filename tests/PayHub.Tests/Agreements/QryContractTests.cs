namespace PayHub.Tests.Agreements;

/// <summary>QryContract answers from the gateway's record, in every state.</summary>
public sealed class QryContractTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private readonly DspCaller _frontEnd = new(factory.CreateClient());

    [Fact]
    public async Task The_demo_agreements_are_signed_and_unsigned()
    {
        var signed = await _frontEnd.SendAsync(DspCaller.Query("ALIPAY01", authCode: "30101194506012712"));
        var byAccounts = await _frontEnd.SendAsync(DspCaller.Query("ALIPAY01", "79102100603450000018", policyNo: "30101194506012712"));
        var unsigned = await _frontEnd.SendAsync(DspCaller.Query("CMBC02", "6123011880003601000", recAct: "001053110000001123"));

        Assert.Equal(("0", "EC000", "signed", "30101194506012712", "20991231", "12000.00"),
            (signed.RespCode, signed.UnifiedCode, signed["ContractState"], signed["AuthCode"], signed["DeadLine"], signed["SingleLimit"]));
        Assert.Equal(("QryContract", "signed"), (signed.Envelope.Header.Get("TransType"), byAccounts["ContractState"]));
        Assert.Equal("unsigned", unsigned["ContractState"]);
    }

    [Fact]
    public async Task An_absent_PolicyNo_matches_only_an_agreement_without_one()
    {
        var withoutPolicy = await _frontEnd.SendAsync(DspCaller.Query("ALIPAY01", "79102100603450000018"));

        Assert.Equal(("0", "EC802", "none"), (withoutPolicy.RespCode, withoutPolicy.UnifiedCode, withoutPolicy["ContractState"]));
    }

    [Fact]
    public async Task Every_state_of_a_new_agreement_shows()
    {
        var payAct = DspCaller.NewPayAct();
        async Task<string?> State() => (await _frontEnd.SendAsync(DspCaller.Query("CMBC02", payAct))).Envelope.Detail.Get("ContractState");

        var states = new List<string?> { await State() };
        await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", payAct, "CMBC02"));
        states.Add(await State());
        await _frontEnd.SendAsync(DspCaller.Step("Contract", "02", payAct, "CMBC02", "123456"));
        states.Add(await State());
        await _frontEnd.SendAsync(DspCaller.Step("DeContract", "01", payAct, "CMBC02"));
        states.Add(await State());
        await _frontEnd.SendAsync(DspCaller.Step("DeContract", "02", payAct, "CMBC02", "123456"));
        states.Add(await State());

        Assert.Equal(["none", "pending", "signed", "unsign_pending", "unsigned"], states);
    }
}
