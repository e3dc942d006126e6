using System.Collections.Concurrent;
using System.Net;
using PayHub.Protocols.Agreements;

namespace PayHub.Tests.Agreements;

/// <summary>
/// The http adapter retries only where it cannot do a step twice: a step that got an HTTP 500 is not
/// sent again (its outcome is unknown), the resolver's query that got one is. The peer is an
/// in-process ATSYH gateway on a real loopback socket that counts what it receives.
/// </summary>
public sealed class HttpChannelRetryTests : IAsyncLifetime
{
    private readonly PayHubFactory _gateway = new();
    private readonly ConcurrentQueue<string> _received = new();
    private AtsyhPeer _peer = null!;
    private int _queries;

    public async Task InitializeAsync()
    {
        _peer = await AtsyhPeer.StartAsync(async (context, request) =>
        {
            _received.Enqueue(request.TransType!);
            if (request.TransType == TransType.Contract || Interlocked.Increment(ref _queries) == 1)
            {
                context.Response.StatusCode = 500;
                return;
            }

            await AtsyhPeer.AnswerAsync(context, request, "pending");
        });
        using var admin = _gateway.Admin();
        var created = await admin.PostAsJsonAsync("/admin/channels", new
        {
            bankCode = "FLAKY01",
            name = "不稳定的远端",
            kind = "http",
            commandCodes = new[] { "9108Auth" },
            timeoutMs = 2000,
            settings = new { url = _peer.Url, clientId = "payhub" },
            secret = "peer-secret",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _peer.DisposeAsync();
    }

    [Fact]
    public async Task A_failed_step_is_sent_once_and_a_failed_query_is_tried_again()
    {
        var frontEnd = new DspCaller(_gateway.CreateClient());
        var payAct = DspCaller.NewPayAct();
        var apply = DspCaller.Step("Contract", "01", payAct, "FLAKY01");

        var unknown = await frontEnd.SendAsync(apply);

        Assert.Equal(("0", "EC902", "unknown"), (unknown.RespCode, unknown.UnifiedCode, unknown["SignState"]));
        Assert.Equal(["Contract"], _received.ToArray());

        // The resolver asks the peer; its first query gets a 500 and is retried at once, the second settles the agreement.
        string? state = null;
        for (var i = 0; i < 100 && state != "pending"; i++)
        {
            await Task.Delay(100);
            state = (await frontEnd.SendAsync(DspCaller.Query("FLAKY01", payAct))).Envelope.Detail.Get("ContractState");
        }

        Assert.Equal("pending", state);
        Assert.Equal(["Contract", "QryContract", "QryContract"], _received.ToArray());
        var settled = await frontEnd.SendAsync(apply);
        Assert.Equal(("EC100", "processing"), (settled.UnifiedCode, settled["SignState"]));
        Assert.Equal(3, _received.Count);
    }
}
