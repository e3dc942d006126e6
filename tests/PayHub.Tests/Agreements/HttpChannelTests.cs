using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PayHub.Tests.Agreements;

/// <summary>
/// The <c>http</c> adapter against real sockets on loopback: a second PayHub as the remote gateway,
/// a peer that accepts and never answers, and a port where nobody listens.
/// </summary>
public sealed class HttpChannelTests : IAsyncLifetime
{
    private readonly PayHubFactory _remote = new();
    private readonly PayHubFactory _gateway = new();
    private readonly TcpListener _hangingPeer = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _heldConnections = [];
    private readonly CancellationTokenSource _stop = new();
    private DspCaller _frontEnd = null!;

    public async Task InitializeAsync()
    {
        var port = LoopbackEndpoint.FreePort();
        _remote.UseKestrel(port);
        _remote.StartServer();
        _hangingPeer.Start();
        _ = HoldConnectionsAsync();
        _frontEnd = new DspCaller(_gateway.CreateClient());
        using var admin = _gateway.Admin();
        await AddChannelAsync(admin, "REMOTE01", $"http://localhost:{port}/dsp", 3000);
        await AddChannelAsync(admin, "HANG01", $"http://127.0.0.1:{((IPEndPoint)_hangingPeer.LocalEndpoint).Port}/dsp", 300);
        await AddChannelAsync(admin, "CLOSED01", $"http://ops:s3cret@127.0.0.1:{LoopbackEndpoint.FreePort()}/dsp?key=k3y", 300);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _hangingPeer.Stop();
        _heldConnections.ForEach(c => c.Dispose());
        await _gateway.DisposeAsync();
        await _remote.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task Signs_and_unsigns_through_a_remote_gateway_whose_unified_codes_become_original_codes()
    {
        var payAct = DspCaller.NewPayAct();

        var applied = await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", payAct, "REMOTE01"));
        var confirmed = await _frontEnd.SendAsync(DspCaller.Step("Contract", "02", payAct, "REMOTE01", "123456"));
        var already = await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", payAct, "REMOTE01"));

        Assert.Equal(("EC100", "processing", "EC100"), (applied.UnifiedCode, applied["SignState"], applied["OriginalCode"]));
        Assert.Equal(("EC000", "EC000"), (confirmed.UnifiedCode, confirmed["OriginalCode"]));
        Assert.Matches("^[0-9]{20}$", confirmed["AuthCode"]);
        Assert.Equal(("EC801", ""), (already.UnifiedCode, already["OriginalCode"]));

        // The remote (routing as ALIPAY01, its sandbox bank) holds the same agreement with the same AuthCode.
        var atRemote = await new DspCaller(_remote.CreateClient()).SendAsync(DspCaller.Query("ALIPAY01", authCode: confirmed["AuthCode"]));
        Assert.Equal("signed", atRemote["ContractState"]);

        var unsignApplied = await _frontEnd.SendAsync(DspCaller.Step("DeContract", "01", payAct, "REMOTE01"));
        var wrong = await _frontEnd.SendAsync(DspCaller.Step("DeContract", "02", payAct, "REMOTE01", "000000"));
        var unsigned = await _frontEnd.SendAsync(DspCaller.Step("DeContract", "02", payAct, "REMOTE01", "123456"));
        Assert.Equal(["EC100", "EC803", "EC000"], new[] { unsignApplied.UnifiedCode, wrong.UnifiedCode, unsigned.UnifiedCode });
        Assert.Equal("unsigned", (await _frontEnd.SendAsync(DspCaller.Query("REMOTE01", payAct))).Envelope.Detail.Get("ContractState"));
    }

    [Fact]
    public async Task A_peer_that_hangs_past_the_timeout_leaves_the_agreement_unknown_and_then_the_circuit_opens()
    {
        var payAct = DspCaller.NewPayAct();
        var watch = Stopwatch.StartNew();

        var first = await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", payAct, "HANG01"));

        Assert.Equal(("0", "EC902", "unknown"), (first.RespCode, first.UnifiedCode, first["SignState"]));
        Assert.InRange(watch.ElapsedMilliseconds, 250, 5000);
        Assert.Equal("unknown", (await _frontEnd.SendAsync(DspCaller.Query("HANG01", payAct))).Envelope.Detail.Get("ContractState"));

        // Repeated failures open the circuit breaker: the channel is then answered unavailable at once.
        DspResponse? fastRefusal = null;
        for (var i = 0; i < 10 && fastRefusal is null; i++)
        {
            var started = Stopwatch.StartNew();
            var answer = await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct(), "HANG01"));
            if (answer.UnifiedCode == "EC904" && started.ElapsedMilliseconds < 250)
            {
                fastRefusal = answer;
            }
        }

        Assert.NotNull(fastRefusal);
        Assert.Equal("-1", fastRefusal.RespCode);
    }

    [Fact]
    public async Task A_remote_nobody_listens_on_is_EC904_and_nothing_is_kept()
    {
        var payAct = DspCaller.NewPayAct();
        var request = DspCaller.Step("Contract", "01", payAct, "CLOSED01");

        var answer = await _frontEnd.SendAsync(request);
        var retry = await _frontEnd.SendAsync(request);

        Assert.Equal(("-1", "EC904"), (answer.RespCode, answer.UnifiedCode));
        Assert.Equal("EC904", retry.UnifiedCode);
        Assert.Equal("none", (await _frontEnd.SendAsync(DspCaller.Query("CLOSED01", payAct))).Envelope.Detail.Get("ContractState"));

        // The log: one line per request, saying where and why, no HttpClient entry with a stack trace per attempt.
        var lines = _gateway.Logs.Lines.ToList();
        Assert.DoesNotContain(lines, line => line.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal));
        var unavailable = lines.Where(line => line.Contains("Channel CLOSED01 unavailable", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, unavailable.Count);
        Assert.Contains("Connection refused", unavailable[0], StringComparison.Ordinal);
        Assert.All(unavailable, line =>
        {
            Assert.Contains("http://127.0.0.1:", line, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret", line, StringComparison.Ordinal); // user info and query may hold credentials
            Assert.DoesNotContain("k3y", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        });
    }

    private static async Task AddChannelAsync(HttpClient admin, string bankCode, string url, int timeoutMs)
    {
        var created = await admin.PostAsJsonAsync("/admin/channels", new
        {
            bankCode,
            name = bankCode,
            kind = "http",
            commandCodes = new[] { "9108Auth" },
            timeoutMs,
            settings = new { url, clientId = "demo-frontend", remoteBankCode = "ALIPAY01" },
            secret = "demo-dsp-secret",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private async Task HoldConnectionsAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                _heldConnections.Add(await _hangingPeer.AcceptTcpClientAsync(_stop.Token));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
