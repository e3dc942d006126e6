using Dapper;

namespace PayHub.Tests.Agreements;

/// <summary>Two server nodes on one database: concurrent duplicates sent to both give one channel call and one state change.</summary>
public sealed class DspMultiNodeTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("nodes");
    private readonly PayHubFactory _nodeA;
    private readonly PayHubFactory _nodeB;

    public DspMultiNodeTests()
    {
        _nodeA = PayHubFactory.On(_folder);
        _nodeA.CreateClient().Dispose(); // node A creates and loads the database before node B opens it
        _nodeB = PayHubFactory.On(_folder);
    }

    public void Dispose()
    {
        _nodeA.Dispose();
        _nodeB.Dispose();
        TestDatabases.DeleteFolder(_folder);
    }

    [Fact]
    public async Task Duplicates_spread_over_two_nodes_make_one_channel_call_and_one_state_change()
    {
        var payAct = DspCaller.NewPayAct();
        var request = DspCaller.Step("Contract", "01", payAct, "GZELINK01");
        var callers = Enumerable.Range(0, 40).Select(i => new DspCaller((i % 2 == 0 ? _nodeA : _nodeB).CreateClient())).ToList();
        using var connection = _nodeA.OpenDatabase();
        var smsBefore = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM dsp_sms_outbox");

        var answers = await Task.WhenAll(callers.Select(c => c.SendAsync(request)));

        Assert.All(answers, a => Assert.Equal(("EC100", "0001"), (a.UnifiedCode, a["OriginalCode"])));
        Assert.Equal(smsBefore + 1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM dsp_sms_outbox"));
        Assert.Equal(1, connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM dsp_agreement_events e JOIN dsp_agreements a ON a.agreement_id = e.agreement_id WHERE a.pay_act = @payAct", new { payAct }));

        var confirmed = await new DspCaller(_nodeB.CreateClient()).SendAsync(DspCaller.Step("Contract", "02", payAct, "GZELINK01", "123456"));
        Assert.Equal("EC000", confirmed.UnifiedCode);
    }
}
