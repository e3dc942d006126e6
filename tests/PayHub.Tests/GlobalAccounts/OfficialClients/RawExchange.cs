using System.Net.Sockets;
using System.Text;

namespace PayHub.Tests.GlobalAccounts.OfficialClients;

/// <summary>
/// One HTTP/1.1 exchange on a real loopback socket, byte for byte: the request head exactly as a client
/// writes it (request line, header names, their order, spacing), the body, and the answer as the
/// client's own HTTP stack receives it: header lines with their names as sent, in order, and the body.
/// </summary>
public static class RawExchange
{
    public static async Task<RawAnswer> SendAsync(int port, string head, byte[] body)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        await stream.FlushAsync();

        var received = new MemoryStream();
        var buffer = new byte[16384];
        int headEnd;
        while ((headEnd = received.GetBuffer().AsSpan(0, (int)received.Length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            var read = await stream.ReadAsync(buffer);
            Assert.True(read > 0, "the server closed the connection before answering: " + Encoding.UTF8.GetString(received.ToArray()));
            received.Write(buffer, 0, read);
        }

        var headerBlock = Encoding.ASCII.GetString(received.GetBuffer(), 0, headEnd);
        var lines = headerBlock.Split("\r\n");
        var headers = lines.Skip(1).Select(line => (Name: line[..line.IndexOf(':', StringComparison.Ordinal)], Value: line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())).ToList();
        var length = int.Parse(headers.Single(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value, System.Globalization.CultureInfo.InvariantCulture);
        while (received.Length < headEnd + 4 + length)
        {
            var read = await stream.ReadAsync(buffer);
            Assert.True(read > 0, "the server closed the connection in the middle of the body");
            received.Write(buffer, 0, read);
        }

        return new RawAnswer(lines[0], headerBlock, headers, received.ToArray().AsSpan(headEnd + 4, length).ToArray());
    }
}

/// <summary>An answer as received: the status line, the header block as text, each header line (name as sent), the body bytes.</summary>
public sealed record RawAnswer(string StatusLine, string HeaderBlock, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;

    public string ResultCode => Json.GetProperty("result").GetProperty("resultCode").GetString()!;

    /// <summary>A header's value found with the exact, case-sensitive name (as Python's client and PHP's client look for it); null when absent.</summary>
    public string? Exact(string name) => Headers.Where(h => h.Name == name).Select(h => h.Value).FirstOrDefault();

    /// <summary>A header's value found case-insensitively (as .NET's, Java's and Go's HTTP stacks look it up); null when absent.</summary>
    public string? AnyCase(string name) => Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
}
