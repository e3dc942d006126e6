using System.Net;
using System.Text.Json;
using Dapper;
using PayHub.Tests.RiskCases;

namespace PayHub.Tests.MultiNode;

/// <summary>
/// A node killed with SIGKILL while its push is at the agent's receiver: the other node does not
/// take the delivery while the dead node's lease runs, then takes it and delivers it once; nothing is
/// lost and nothing acknowledged is sent again.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class NodeKilledMidPushTests : IAsyncLifetime
{
    private readonly string _folder = TestDatabases.NewFolder("kill");
    private readonly TaskCompletionSource _firstArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, string> _settings = new()
    {
        ["RiskPushIntervalMs"] = "100",
        ["RiskPushTimeoutMs"] = "11000",
        ["LeaseMs"] = "12000",
    };

    private NotifyReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await NotifyReceiver.StartAsync();
        // The first push never gets an answer: its sender is killed while it waits. The next ones are acknowledged.
        _receiver.Then(async context =>
        {
            _firstArrived.SetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        TestDatabases.DeleteFolder(_folder);
    }

    [Fact]
    public async Task The_other_node_delivers_once_after_the_dead_nodes_lease_and_nothing_is_sent_twice()
    {
        var database = TestDatabases.For(_folder);
        using var nodeA = await PayHubNode.StartAsync(database, _settings);
        string caseNo;
        using (var admin = nodeA.Admin())
        {
            Assert.True((await admin.PutAsJsonAsync("/admin/agents/FW1000161", new { name = "张亚飞测试测试", notifyUrl = _receiver.Url })).IsSuccessStatusCode);
            var created = await admin.PostAsJsonAsync("/admin/cases", new { mercNum = "833163489120001", typeNo = "T00038", riskTypeRules = "SR00045" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            caseNo = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("row").GetProperty("caseNo").GetString()!;
        }

        // Node A took the delivery and its push is waiting at the receiver; node B starts meanwhile.
        await _firstArrived.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var claimedAt = DateTime.UtcNow;
        using var nodeB = await PayHubNode.StartAsync(database, _settings);
        await Task.Delay(1000);
        Assert.Single(_receiver.Received); // B leaves alone what A holds
        nodeA.Kill();

        // B takes the delivery once A's lease (12 s from the claim) has run out, and the receiver acknowledges it.
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (Delivery(database, caseNo).State != "delivered" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var delivered = Delivery(database, caseNo);
        Assert.True(delivered.State == "delivered", $"not delivered: {delivered}\nnode B:\n{nodeB.Output}");
        Assert.InRange((DateTime.UtcNow - claimedAt).TotalSeconds, 10.5, 40);
        await Task.Delay(1500);
        Assert.Equal([caseNo, caseNo], _receiver.Received.Select(m => m.GetProperty("caseNo").GetString()));
        Assert.Equal(1, delivered.Attempts); // the dead node's attempt left no trace; B's is the one recorded
        using var connection = TestDatabases.Open(database);
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM risk_case_events WHERE case_no = @caseNo AND action = 'pushed'", new { caseNo }));
    }

    private static (string State, long Attempts) Delivery(string database, string caseNo)
    {
        using var connection = TestDatabases.Open(database);
        return connection.QuerySingle<(string, long)>("SELECT state, attempts FROM risk_deliveries WHERE case_no = @caseNo", new { caseNo });
    }
}
