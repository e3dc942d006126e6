using PayHub.Protocols.Agreements;

namespace PayHub.Tests.Agreements;

/// <summary>Signing: step 01 sends a code, step 02 confirms it; wrong, expired and too many codes; already signed.</summary>
public sealed class ContractTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private readonly DspCaller _frontEnd = new(factory.CreateClient());

    [Fact]
    public async Task Step_01_sends_the_code_and_step_02_with_it_signs_and_returns_a_20_digit_AuthCode()
    {
        var payAct = DspCaller.NewPayAct();

        var applied = await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", payAct));

        Assert.Equal(("0", "EC100", "processing", "T"), (applied.RespCode, applied.UnifiedCode, applied["SignState"], applied["OriginalCode"]));
        Assert.Equal(("ALIPAY01", "Contract"), (applied.Envelope.Header.Get("BankCode"), applied.Envelope.Header.Get("TransType")));
        using (var admin = factory.Admin())
        {
            var sms = await admin.GetFromJsonAsync<List<Sms>>("/admin/sms?bankCode=ALIPAY01&cellPhone=15158040490&limit=1");
            Assert.Equal("123456", sms![0].Code);
        }

        var confirmed = await _frontEnd.SendAsync(DspCaller.Step("Contract", "02", payAct, smsCode: "123456"));

        Assert.Equal(("0", "EC000", "success", "S"), (confirmed.RespCode, confirmed.UnifiedCode, confirmed["SignState"], confirmed["OriginalCode"]));
        Assert.Matches("^[1-9][0-9]{19}$", confirmed["AuthCode"]);
        var query = await _frontEnd.SendAsync(DspCaller.Query("ALIPAY01", authCode: confirmed["AuthCode"]));
        Assert.Equal(("EC000", "signed", "20991231", "12000.00"), (query.UnifiedCode, query["ContractState"], query["DeadLine"], query["SingleLimit"]));
    }

    [Fact]
    public async Task The_bank_style_vocabulary_is_mapped_to_the_same_unified_codes()
    {
        var payAct = DspCaller.NewPayAct();

        var applied = await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", payAct, "GZELINK01"));
        var wrong = await _frontEnd.SendAsync(DspCaller.Step("Contract", "02", payAct, "GZELINK01", "000000"));
        var confirmed = await _frontEnd.SendAsync(DspCaller.Step("Contract", "02", payAct, "GZELINK01", "123456"));

        Assert.Equal(("EC100", "0001"), (applied.UnifiedCode, applied["OriginalCode"]));
        Assert.Equal(("EC803", "E1001", "fail"), (wrong.UnifiedCode, wrong["OriginalCode"], wrong["SignState"]));
        Assert.Equal(("EC000", "0000"), (confirmed.UnifiedCode, confirmed["OriginalCode"]));
    }

    [Fact]
    public async Task A_wrong_code_is_EC803_and_the_fifth_voids_the_apply_with_EC805()
    {
        var payAct = DspCaller.NewPayAct();
        await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", payAct));

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await _frontEnd.SendAsync(DspCaller.Step("Contract", "02", payAct, smsCode: "00000" + i))).UnifiedCode);
        }

        var rightCodeTooLate = await _frontEnd.SendAsync(DspCaller.Step("Contract", "02", payAct, smsCode: "123456"));
        var query = await _frontEnd.SendAsync(DspCaller.Query("ALIPAY01", payAct));

        Assert.Equal(["EC803", "EC803", "EC803", "EC803", "EC805"], answers);
        Assert.Equal(("EC804", "fail", ""), (rightCodeTooLate.UnifiedCode, rightCodeTooLate["SignState"], rightCodeTooLate["OriginalCode"]));
        Assert.Equal(("EC802", "none"), (query.UnifiedCode, query["ContractState"]));

        var again = await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", payAct));
        var signed = await _frontEnd.SendAsync(DspCaller.Step("Contract", "02", payAct, smsCode: "123456"));
        Assert.Equal(("EC100", "EC000"), (again.UnifiedCode, signed.UnifiedCode));
    }

    [Fact]
    public async Task Step_02_without_a_step_01_is_EC804_without_asking_the_channel()
    {
        var confirmed = await _frontEnd.SendAsync(DspCaller.Step("Contract", "02", DspCaller.NewPayAct(), smsCode: "123456"));

        Assert.Equal(("0", "EC804", "fail", ""), (confirmed.RespCode, confirmed.UnifiedCode, confirmed["SignState"], confirmed["OriginalCode"]));
    }

    [Fact]
    public async Task A_code_older_than_5_minutes_is_EC804()
    {
        var payAct = DspCaller.NewPayAct();
        await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", payAct, "CMBC02"));
        factory.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(5));

        var confirmed = await _frontEnd.SendAsync(DspCaller.Step("Contract", "02", payAct, "CMBC02", "123456"));

        Assert.Equal(("EC804", "fail"), (confirmed.UnifiedCode, confirmed["SignState"]));
        var query = await _frontEnd.SendAsync(DspCaller.Query("CMBC02", payAct));
        Assert.Equal("pending", query["ContractState"]);
    }

    [Fact]
    public async Task Signing_a_signed_agreement_is_EC801_at_both_steps_without_asking_the_channel()
    {
        var apply = DspCaller.Step("Contract", "01", "79102100603450000018", policyNo: "30101194506012712");
        var confirm = DspCaller.Step("Contract", "02", "79102100603450000018", smsCode: "123456", policyNo: "30101194506012712");

        var applied = await _frontEnd.SendAsync(apply);
        var confirmed = await _frontEnd.SendAsync(confirm);

        Assert.Equal(("0", "EC801", "fail", "", "重复签约"), (applied.RespCode, applied.UnifiedCode, applied["SignState"], applied["OriginalCode"], applied["RespInfo"]));
        Assert.Equal(("EC801", "fail", ""), (confirmed.UnifiedCode, confirmed["SignState"], confirmed["OriginalCode"]));
    }

    [Fact]
    public async Task The_history_says_who_did_what_and_what_the_channel_answered()
    {
        var payAct = DspCaller.NewPayAct();
        var authCode = await _frontEnd.SignAsync(payAct);

        using var admin = factory.Admin();
        var agreement = await admin.GetFromJsonAsync<AgreementSeen>("/admin/agreements/" + authCode);

        Assert.Equal("signed", agreement!.State);
        Assert.Equal(
            [("demo-frontend", "Contract", "01", "T", "EC100", "none", "pending"), ("demo-frontend", "Contract", "02", "S", "EC000", "pending", "signed")],
            agreement.History.Select(e => (e.Actor, e.TransType, e.Step, e.OriginalCode, e.UnifiedCode, e.FromState, e.ToState)));
    }

    public sealed record Sms(string Code, string CellPhone);

    public sealed record AgreementSeen(string State, string? AuthCode, List<EventSeen> History);

    public sealed record EventSeen(string Actor, string TransType, string Step, string ReqSeqId, string OriginalCode, string UnifiedCode, string FromState, string ToState, string Note);
}
