using System.Text.Json;
using PayHub.Tests.Utility;

namespace PayHub.Tests.MultiNode;

/// <summary>
/// One journal for every node on one database: entries written by two nodes are read through either, each naming
/// the node that answered, and a live stream opened on one node brings what the other answers — on real sockets.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class JournalAcrossNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task Both_nodes_entries_are_in_one_journal_and_a_stream_on_one_brings_the_others()
    {
        using var admin = nodes.A.Admin();
        using var streaming = nodes.A.Admin();
        using var stream = await streaming.GetStreamAsync("/admin/journal/stream?family=utility&code=AAAAAAA");
        using var reader = new StreamReader(stream);

        var onA = await new UtilityCaller(nodes.A.Client()).SendAsync(UtilityCaller.CustomerCheck());
        var onB = await new UtilityCaller(nodes.B.Client()).SendAsync(UtilityCaller.CustomerCheck());
        var idOnB = onB.Http.Headers.GetValues("X-Request-Id").Single();

        var streamed = new List<JsonElement>();
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!streamed.Any(e => e.GetProperty("requestId").GetString() == idOnB) && await reader.ReadLineAsync(limit.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    streamed.Add(JsonDocument.Parse(line[6..]).RootElement.Clone());
                }
            }
        }

        var fromB = Assert.Single(streamed, e => e.GetProperty("requestId").GetString() == idOnB);
        var page = await admin.GetFromJsonAsync<JsonElement>("/admin/journal?family=utility&code=AAAAAAA&limit=10");
        var nodesSeen = page.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("requestId").GetString() is { } id && (id == idOnB || id == onA.Http.Headers.GetValues("X-Request-Id").Single()))
            .Select(e => e.GetProperty("node").GetString())
            .ToList();
        Assert.Equal(2, nodesSeen.Distinct().Count());
        Assert.Contains(fromB.GetProperty("node").GetString(), nodesSeen);
    }
}
