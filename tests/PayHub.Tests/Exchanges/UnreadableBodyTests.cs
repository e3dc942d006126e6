using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using PayHub.Protocols.Agreements;

namespace PayHub.Tests.Exchanges;

/// <summary>
/// A client that announces a Content-Length and closes its side of the connection before sending that many bytes (a
/// load generator stopping mid-request, a client killed mid-send) made a mistake, not the server: each family refuses it
/// with its own body-unreadable code, the journal keeps the refusal with what the server read, and nothing is logged as
/// an internal failure (it once was, with a stack trace, and journaled as <c>internal</c>). Over a real socket, because
/// only Kestrel's reading of a short body is the thing in question.
/// </summary>
public sealed class UnreadableBodyTests : IDisposable
{
    private readonly PayHubFactory _factory = new();
    private readonly int _port = LoopbackEndpoint.FreePort();

    public UnreadableBodyTests()
    {
        _factory.UseKestrel(_port);
        _factory.StartServer();
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>Per family: its path and the headers that get a request as far as its body, the code the journal records, that code as the answer spells it, and the check that refuses.</summary>
    public static TheoryData<string, string, string, string, string, string> Families => new()
    {
        { "utility", "/utility/CustomerCheck", "X-API-Key: demo-utility-key\r\n", "DEF0001", "\"RespCode\":\"DEF0001\"", "parsing" },
        { "dsp", "/dsp", $"{DspSignature.ClientHeader}: demo-frontend\r\n{DspSignature.SignatureHeader}: {new string('0', 64)}\r\n", "EC901", "EC901", "parsing" },
        { "global", "/amsin/api/v1/business/account/inquiryAccount", "Client-Id: DEMO_CLIENT_001\r\nRequest-Time: 2026-12-04T12:00:00+08:00\r\nSignature: algorithm=RSA256,keyVersion=1,signature=AAAA\r\n", "PARAM_ILLEGAL", "\"resultCode\":\"PARAM_ILLEGAL\"", "parameters" },
        { "risk", "/risk/case/query", "", "10001", "\"return_code\":10001", "parsing" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task A_client_gone_before_the_bytes_its_Content_Length_announced_is_journaled_as_the_familys_refusal(string family, string path, string headers, string code, string onTheWire, string refusedBy)
    {
        // Kestrel takes the client's closing as the end of the connection: nobody is left to answer, the journal still says what happened.
        using (var socket = await ConnectAsync())
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes(Head(path, headers, "Content-Length: 200") + new string('<', 40)));
            socket.Shutdown(SocketShutdown.Send);
        }

        var entry = await JournalEntryAsync(family);
        Assert.Equal(refusedBy, entry.GetProperty("refusedBy").GetString());
        // Kestrel finds the body short in the read, or has seen the client go before it (then the read is cancelled).
        var diagnosis = entry.GetProperty("diagnosis").GetString();
        Assert.Contains("200 bytes its Content-Length announced", diagnosis, StringComparison.Ordinal);
        Assert.Equal(code, entry.GetProperty("code").GetString());
        _ = onTheWire; // nobody is left to read the answer
        Assert.DoesNotContain(_factory.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task A_broken_chunk_is_answered_with_the_familys_body_unreadable_code(string family, string path, string headers, string code, string onTheWire, string refusedBy)
    {
        var answer = await ExchangeAsync(Head(path, headers, "Transfer-Encoding: chunked") + "zz\r\n{}\r\n0\r\n\r\n");

        Assert.Contains(onTheWire, answer, StringComparison.Ordinal);
        Assert.Contains("body unreadable", answer, StringComparison.Ordinal);
        var entry = await JournalEntryAsync(family);
        Assert.Equal((code, refusedBy), (entry.GetProperty("code").GetString(), entry.GetProperty("refusedBy").GetString()));
        Assert.Contains("the server could not read the body", entry.GetProperty("diagnosis").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_factory.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_whole_body_from_the_same_raw_client_is_read_and_answered()
    {
        // The refusals above are about the body, not the raw client: every byte announced, and the body is read.
        var body = """{"page":1,"rows":5,"accessid":"4028805b6e86d179016e874f6c4200ad","sign":"00000000000000000000000000000000"}""";
        var answer = await ExchangeAsync(Head("/risk/case/query", "", $"Content-Length: {body.Length}") + body);

        Assert.Contains("\"return_code\":10002", answer, StringComparison.Ordinal); // read whole, then refused by its sign
    }

    private static string Head(string path, string headers, string framing) =>
        $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n{headers}{framing}\r\n\r\n";

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", _port);
        return socket;
    }

    /// <summary>Sends the request's bytes as they are and reads the answer until the server closes (Connection: close).</summary>
    private async Task<string> ExchangeAsync(string request)
    {
        using var socket = await ConnectAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        using var received = new MemoryStream();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    /// <summary>The family's one journal entry on this fresh server, once it is written.</summary>
    private async Task<JsonElement> JournalEntryAsync(string family)
    {
        using var admin = _factory.Admin();
        for (var i = 0; i < 100; i++)
        {
            var entries = (await admin.GetFromJsonAsync<JsonElement>($"/admin/journal?family={family}")).GetProperty("entries");
            if (entries.GetArrayLength() > 0)
            {
                return Assert.Single(entries.EnumerateArray());
            }

            await Task.Delay(100);
        }

        Assert.Fail($"no journal entry of family {family} was written");
        return default;
    }
}
