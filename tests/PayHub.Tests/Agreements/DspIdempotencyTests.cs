using Dapper;

namespace PayHub.Tests.Agreements;

/// <summary>ReqSeqID: identical repeats get the first answer, altered ones EC905, concurrent duplicates one channel call and one state change.</summary>
public sealed class DspIdempotencyTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private readonly DspCaller _frontEnd = new(factory.CreateClient());

    private long Count(string sql, object parameters)
    {
        using var connection = factory.OpenDatabase();
        return connection.ExecuteScalar<long>(sql, parameters);
    }

    private long Events(string payAct) =>
        Count("SELECT COUNT(*) FROM dsp_agreement_events e JOIN dsp_agreements a ON a.agreement_id = e.agreement_id WHERE a.pay_act = @payAct", new { payAct });

    [Fact]
    public async Task A_repeat_with_a_new_TransSeqID_and_TransTime_gets_the_first_answer_without_a_second_channel_call()
    {
        var payAct = DspCaller.NewPayAct();
        var first = DspCaller.Step("Contract", "01", payAct, "GZELINK01");
        var answer = await _frontEnd.SendAsync(first);
        var repeat = DspCaller.Step("Contract", "01", payAct, "GZELINK01", reqSeqId: first.Detail.Get("ReqSeqID"));
        repeat.Header.Set("TransTime", "2021-07-28 09:00:00");

        var again = await _frontEnd.SendAsync(repeat);

        Assert.Equal(answer.Envelope.Detail.All, again.Envelope.Detail.All);
        Assert.Equal(repeat.TransSeqId, again.Envelope.Header.Get("TransSeqID"));
        Assert.Equal(1, Events(payAct));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM dsp_requests WHERE req_seq_id = @id", new { id = first.Detail.Get("ReqSeqID") }));
    }

    [Fact]
    public async Task The_same_ReqSeqID_with_other_content_is_EC905_and_changes_nothing()
    {
        var payAct = DspCaller.NewPayAct();
        var first = DspCaller.Step("Contract", "01", payAct);
        await _frontEnd.SendAsync(first);
        var altered = DspCaller.Step("Contract", "01", payAct, reqSeqId: first.Detail.Get("ReqSeqID"));
        altered.Detail.Set("PayAmount", "668.00");

        var answer = await _frontEnd.SendAsync(altered);

        Assert.Equal(("-1", "EC905", ""), (answer.RespCode, answer.UnifiedCode, answer["OriginalCode"]));
        Assert.Null(answer["SignState"]);
        Assert.Equal(1, Events(payAct));
    }

    [Fact]
    public async Task A_refusal_a_retry_may_change_is_not_kept()
    {
        var payAct = DspCaller.NewPayAct("9902");
        var request = DspCaller.Step("Contract", "01", payAct);

        var first = await _frontEnd.SendAsync(request);
        var retry = await _frontEnd.SendAsync(request);

        Assert.Equal(("-1", "EC904"), (first.RespCode, first.UnifiedCode));
        Assert.Equal("EC904", retry.UnifiedCode);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM dsp_requests WHERE req_seq_id = @id", new { id = request.Detail.Get("ReqSeqID") }));
        Assert.Equal(0, Events(payAct));
    }

    [Fact]
    public async Task Fifty_concurrent_identical_requests_make_one_channel_call_and_one_state_change()
    {
        var payAct = DspCaller.NewPayAct();
        var request = DspCaller.Step("Contract", "01", payAct, "CMBC02");
        var clients = Enumerable.Range(0, 50).Select(_ => new DspCaller(factory.CreateClient())).ToList();
        var smsBefore = Count("SELECT COUNT(*) FROM dsp_sms_outbox", new { });

        var answers = await Task.WhenAll(clients.Select(c => c.SendAsync(request)));

        Assert.All(answers, a => Assert.Equal(("EC100", "processing", "0001"), (a.UnifiedCode, a["SignState"], a["OriginalCode"])));
        Assert.Equal(1, Events(payAct));
        Assert.Equal(smsBefore + 1, Count("SELECT COUNT(*) FROM dsp_sms_outbox", new { }));
        Assert.Equal(50, Count("SELECT COUNT(*) FROM audit_trail WHERE family = 'dsp' AND sequence_no = @id", new { id = request.Detail.Get("ReqSeqID") }));
    }
}
