using System.Collections.Concurrent;
using Dapper;
using PayHub.Tests.Agreements;
using PayHub.Tests.Utility;

namespace PayHub.Tests.MultiNode;

/// <summary>
/// A node killed with SIGKILL while it is writing for many callers at once (on PostgreSQL on several writer
/// connections): every write it acknowledged is in the database, with the answer it gave, and a node started again
/// answers a repeat of each with that same kept answer. What was not acknowledged may or may not be there.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class NodeKilledUnderWriteLoadTests : IAsyncLifetime
{
    private const int Callers = 24;
    private readonly string _folder = TestDatabases.NewFolder("killwrites");
    private string _database = "";

    public Task InitializeAsync()
    {
        _database = TestDatabases.For(_folder);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        TestDatabases.DeleteFolder(_folder);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_write_acknowledged_before_the_kill_is_there_with_its_answer()
    {
        var settings = new Dictionary<string, string> { ["DatabaseWriters"] = "4" };
        var checks = new ConcurrentBag<(string TranSeq, string RespCode, string PayCount)>();
        var steps = new ConcurrentBag<(string ReqSeqId, string PayAct, string UnifiedCode)>();
        using (var node = await PayHubNode.StartAsync(_database, settings))
        {
            using var stop = new CancellationTokenSource();
            var callers = Enumerable.Range(0, Callers).Select(i => Task.Run(async () =>
            {
                using var http = node.Client();
                var utility = new UtilityCaller(http);
                var dsp = new DspCaller(http);
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        if (i % 2 == 0)
                        {
                            var tranSeq = UtilityCaller.NewTranSeq();
                            var answer = await utility.SendAsync(UtilityCaller.CustomerCheck(tranSeq));
                            checks.Add((tranSeq, answer.RespCode, answer["totalPayCount"] ?? ""));
                        }
                        else
                        {
                            var payAct = DspCaller.NewPayAct();
                            var request = DspCaller.Step("Contract", "01", payAct, "GZELINK01");
                            var answer = await dsp.SendAsync(request);
                            steps.Add((request.Detail.Get("ReqSeqID")!, payAct, answer.UnifiedCode));
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the node is gone: this request was never acknowledged
                    }
                }
            })).ToList();

            // Let the writes run for a while, then kill the node in the middle of them.
            while (checks.Count + steps.Count < 300)
            {
                await Task.Delay(50);
            }

            node.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(callers);
        }

        Assert.All(checks, c => Assert.Equal("AAAAAAA", c.RespCode));
        Assert.All(steps, s => Assert.Equal("EC100", s.UnifiedCode));
        using (var connection = TestDatabases.Open(_database))
        {
            var keptChecks = connection.Query<(string TranSeq, string RespCode)>("SELECT tran_seq, resp_code FROM utility_requests").ToDictionary(r => r.TranSeq, r => r.RespCode);
            Assert.All(checks, c => Assert.Equal("AAAAAAA", keptChecks.GetValueOrDefault(c.TranSeq)));
            var keptSteps = connection.Query<(string ReqSeqId, string Status, string PayAct)>(
                "SELECT r.req_seq_id, r.status, a.pay_act FROM dsp_requests r JOIN dsp_agreements a ON a.agreement_id = r.agreement_id").ToDictionary(r => r.ReqSeqId);
            Assert.All(steps, s =>
            {
                Assert.True(keptSteps.TryGetValue(s.ReqSeqId, out var kept), $"step {s.ReqSeqId} was acknowledged and is not in the register");
                Assert.Equal(("final", s.PayAct), (kept.Status, kept.PayAct));
            });
        }

        // A node started again answers repeats of acknowledged requests with what was answered before the kill.
        using var again = await PayHubNode.StartAsync(_database, settings);
        using var client = again.Client();
        foreach (var (tranSeq, _, payCount) in checks.Take(5))
        {
            var repeat = await new UtilityCaller(client).SendAsync(UtilityCaller.CustomerCheck(tranSeq));
            Assert.Equal(("AAAAAAA", payCount), (repeat.RespCode, repeat["totalPayCount"]));
        }

        foreach (var (reqSeqId, payAct, _) in steps.Take(5))
        {
            var repeat = await new DspCaller(client).SendAsync(DspCaller.Step("Contract", "01", payAct, "GZELINK01", reqSeqId: reqSeqId));
            Assert.Equal("EC100", repeat.UnifiedCode);
        }
    }
}
