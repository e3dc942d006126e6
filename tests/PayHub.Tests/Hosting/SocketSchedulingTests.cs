using PayHub.Hosting;
using PayHub.Tests.MultiNode;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Hosting;

/// <summary>
/// Request handling on the socket threads (inline) on SQLite, on the thread pool on PostgreSQL,
/// unless PayHub:InlineScheduling says otherwise; checked in real payhub processes, where the
/// sockets are, by the socket event threads the runtime starts (one per core when inline) and by
/// concurrent CustomerChecks answered in full.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class SocketSchedulingTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("scheduling");

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    [Theory]
    [InlineData("/var/lib/payhub/payhub.db", null, true)]
    [InlineData("Host=db.internal;Database=payhub;Username=payhub", null, false)]
    [InlineData("postgresql://payhub@db.internal/payhub", null, false)]
    [InlineData("/var/lib/payhub/payhub.db", false, false)]
    [InlineData("postgresql://payhub@db.internal/payhub", true, true)]
    public void Inline_unless_set_is_on_for_sqlite_and_off_for_postgres(string database, bool? setting, bool inline) =>
        Assert.Equal(inline, SocketScheduling.IsInline(new PayHubOptions { Database = database, InlineScheduling = setting }));

    [Fact]
    public async Task A_server_on_sqlite_handles_requests_on_one_socket_thread_per_core()
    {
        using var node = await PayHubNode.StartAsync(Path.Combine(_folder, "inline.db"));

        await AnswersConcurrentCustomerChecksAsync(node);
        Assert.Equal(Environment.ProcessorCount, SocketThreads(node));
    }

    [Fact]
    public async Task With_inline_scheduling_off_the_runtime_keeps_its_default_socket_threads()
    {
        using var node = await PayHubNode.StartAsync(
            Path.Combine(_folder, "pool.db"), new Dictionary<string, string> { ["InlineScheduling"] = "false" });

        await AnswersConcurrentCustomerChecksAsync(node);
        // The runtime's own default on x64: one event thread per 30 cores, at least one.
        Assert.Equal(Math.Max(1, (int)Math.Round(Environment.ProcessorCount / 30.0)), SocketThreads(node));
    }

    /// <summary>64 CustomerChecks at once, each with its own TranSeq, and 16 repeats of one TranSeq: every one answered AAAAAAA, the repeats alike.</summary>
    private static async Task AnswersConcurrentCustomerChecksAsync(PayHubNode node)
    {
        using var http = node.Client();
        var caller = new UtilityCaller(http);
        var repeated = UtilityCaller.CustomerCheck();
        var answers = await Task.WhenAll(
            Enumerable.Range(0, 64).Select(_ => caller.SendAsync(UtilityCaller.CustomerCheck()))
                .Concat(Enumerable.Range(0, 16).Select(_ => caller.SendAsync(repeated))));

        Assert.All(answers, answer => Assert.Equal("AAAAAAA", answer.RespCode));
        Assert.Single(answers[64..].Select(answer => Convert.ToHexString(answer.Body)).Distinct());
    }

    /// <summary>The runtime's socket event threads in the node's process, by their name (Linux /proc).</summary>
    private static int SocketThreads(PayHubNode node) =>
        Directory.GetDirectories($"/proc/{node.ProcessId}/task")
            .Count(task => File.ReadAllText(Path.Combine(task, "comm")).Trim() == ".NET Sockets");
}
