namespace PayHub.Tests.Agreements;

/// <summary>What the sandbox bank's trigger accounts do: 9901 answer lost (unknown, then settled), 9902 unavailable, 9903 identity mismatch.</summary>
public sealed class ChannelOutcomeTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private readonly DspCaller _frontEnd = new(factory.CreateClient());

    private async Task<string?> WaitForStateAsync(string bankCode, string payAct, Func<string?, bool> settled)
    {
        string? state = null;
        for (var i = 0; i < 100 && !settled(state); i++)
        {
            await Task.Delay(100);
            state = (await _frontEnd.SendAsync(DspCaller.Query(bankCode, payAct))).Envelope.Detail.Get("ContractState");
        }

        return state;
    }

    [Fact]
    public async Task A_lost_answer_leaves_the_agreement_unknown_until_the_resolver_settles_it_and_a_repeat_then_gets_the_settled_answer()
    {
        var payAct = DspCaller.NewPayAct("9901");
        var apply = DspCaller.Step("Contract", "01", payAct);

        var unknown = await _frontEnd.SendAsync(apply);
        // The resolver asks 1 s after the outcome became unknown: the server's clock is held back an
        // hour while the test looks at the unknown agreement, so a slow machine cannot let it in early.
        factory.Clock.Advance(TimeSpan.FromHours(-1));
        var queriedAtOnce = await _frontEnd.SendAsync(DspCaller.Query("ALIPAY01", payAct));
        var repeatedAtOnce = await _frontEnd.SendAsync(apply);

        Assert.Equal(("0", "EC902", "unknown"), (unknown.RespCode, unknown.UnifiedCode, unknown["SignState"]));
        Assert.Equal("unknown", queriedAtOnce["ContractState"]);
        Assert.Equal(("EC902", "unknown"), (repeatedAtOnce.UnifiedCode, repeatedAtOnce["SignState"]));

        var confirmTooEarly = DspCaller.Step("Contract", "02", payAct, smsCode: "123456");
        var tooEarly = await _frontEnd.SendAsync(confirmTooEarly);
        Assert.Equal(("0", "EC902", "unknown", "上一步骤渠道结果未知,请稍后查询"), (tooEarly.RespCode, tooEarly.UnifiedCode, tooEarly["SignState"], tooEarly["RespInfo"]));

        factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("pending", await WaitForStateAsync("ALIPAY01", payAct, s => s == "pending"));
        var repeated = await _frontEnd.SendAsync(apply);
        Assert.Equal(("EC100", "processing"), (repeated.UnifiedCode, repeated["SignState"]));

        // The step 01 the bank performed can now be confirmed (the early refusal was not kept, so the same ReqSeqID
        // goes to the bank); that answer is lost too, and settled as signed with the bank's AuthCode.
        var confirm = DspCaller.Step("Contract", "02", payAct, smsCode: "123456", reqSeqId: confirmTooEarly.Detail.Get("ReqSeqID"));
        Assert.Equal("EC902", (await _frontEnd.SendAsync(confirm)).UnifiedCode);
        Assert.Equal("signed", await WaitForStateAsync("ALIPAY01", payAct, s => s == "signed"));
        var confirmedRepeat = await _frontEnd.SendAsync(confirm);
        Assert.Equal(("EC000", "success"), (confirmedRepeat.UnifiedCode, confirmedRepeat["SignState"]));
        Assert.Matches("^[0-9]{20}$", confirmedRepeat["AuthCode"]);

        using var admin = factory.Admin();
        var agreement = await admin.GetFromJsonAsync<ContractTests.AgreementSeen>("/admin/agreements/" + confirmedRepeat["AuthCode"]);
        Assert.Equal(confirmedRepeat["AuthCode"], agreement!.AuthCode);
        Assert.Contains(agreement.History, e => e.Actor == "resolver" && e.FromState == "unknown" && e.ToState == "signed" && e.Note.Contains("book shows signed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unavailable_channel_is_EC904_and_leaves_no_agreement()
    {
        var payAct = DspCaller.NewPayAct("9902");

        var answer = await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", payAct, "GZELINK01"));
        var query = await _frontEnd.SendAsync(DspCaller.Query("GZELINK01", payAct));

        Assert.Equal(("-1", "EC904", ""), (answer.RespCode, answer.UnifiedCode, answer["OriginalCode"]));
        Assert.Null(answer["SignState"]);
        Assert.Equal("none", query["ContractState"]);
    }

    [Fact]
    public async Task A_payer_identity_the_channel_refuses_is_EC807_with_its_own_code()
    {
        var alipay = await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct("9903")));
        var bank = await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct("9903"), "CMBC02"));

        Assert.Equal(("0", "EC807", "fail", "F_IDENTITY"), (alipay.RespCode, alipay.UnifiedCode, alipay["SignState"], alipay["OriginalCode"]));
        Assert.Equal(("EC807", "E1006"), (bank.UnifiedCode, bank["OriginalCode"]));
    }
}
