using System.Net;
using Dapper;
using PayHub.Protocols.Agreements;
using PayHub.Tests.Agreements;

namespace PayHub.Tests.MultiNode;

/// <summary>
/// A node killed with SIGKILL while its resolver asks a channel about an unknown outcome: the other
/// node leaves the agreement alone while the dead node's lease runs, then asks once and settles it
/// once. The channel is a remote ATSYH gateway on a loopback socket that fails the step (its outcome
/// becomes unknown), never answers the first query, and answers later ones.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class NodeKilledMidResolutionTests : IAsyncLifetime
{
    private readonly string _folder = TestDatabases.NewFolder("killres");
    private readonly TaskCompletionSource _firstQuery = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, string> _settings = new()
    {
        ["DspResolverIntervalMs"] = "100",
        ["LeaseMs"] = "12000",
    };

    private AtsyhPeer _peer = null!;
    private int _queries;

    public async Task InitializeAsync()
    {
        _peer = await AtsyhPeer.StartAsync(async (context, request) =>
        {
            if (request.TransType == TransType.Contract)
            {
                context.Response.StatusCode = 500;
            }
            else if (Interlocked.Increment(ref _queries) == 1)
            {
                _firstQuery.SetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            else
            {
                await AtsyhPeer.AnswerAsync(context, request, "pending");
            }
        });
    }

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        TestDatabases.DeleteFolder(_folder);
    }

    [Fact]
    public async Task The_other_node_asks_once_after_the_dead_nodes_lease_and_settles_the_agreement_once()
    {
        var database = TestDatabases.For(_folder);
        using var nodeA = await PayHubNode.StartAsync(database, _settings);
        using (var admin = nodeA.Admin())
        {
            var created = await admin.PostAsJsonAsync("/admin/channels", new
            {
                bankCode = "REMOTE01", name = "远端网关", kind = "http", commandCodes = new[] { "9108Auth" }, timeoutMs = 10000,
                settings = new { url = _peer.Url, clientId = "payhub" }, secret = "peer-secret",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var payAct = DspCaller.NewPayAct();
        var apply = DspCaller.Step("Contract", "01", payAct, "REMOTE01");
        var unknown = await new DspCaller(nodeA.Client()).SendAsync(apply);
        Assert.Equal("EC902", unknown.UnifiedCode);

        // Node A's resolver is asking the remote, which does not answer; node B starts meanwhile.
        await _firstQuery.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var takenAt = DateTime.UtcNow;
        using var nodeB = await PayHubNode.StartAsync(database, _settings);
        await Task.Delay(1000);
        Assert.Equal(1, Volatile.Read(ref _queries)); // B leaves alone what A holds
        nodeA.Kill();

        var frontEnd = new DspCaller(nodeB.Client());
        string? state = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(40); state != "pending" && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            state = (await frontEnd.SendAsync(DspCaller.Query("REMOTE01", payAct))).Envelope.Detail.Get("ContractState");
        }

        Assert.True(state == "pending", $"not settled: {state}\nnode B:\n{nodeB.Output}");
        Assert.InRange((DateTime.UtcNow - takenAt).TotalSeconds, 10.5, 40);
        await Task.Delay(1000);
        Assert.Equal(2, Volatile.Read(ref _queries));
        using var connection = TestDatabases.Open(database);
        Assert.Equal(1, connection.ExecuteScalar<long>(
            """
            SELECT COUNT(*) FROM dsp_agreement_events e JOIN dsp_agreements a ON a.agreement_id = e.agreement_id
            WHERE a.pay_act = @payAct AND e.actor = 'resolver'
            """,
            new { payAct }));
        var settled = await frontEnd.SendAsync(apply); // the lost request's repeat gets the settled answer
        Assert.Equal("EC100", settled.UnifiedCode);
    }
}
