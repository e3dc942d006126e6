using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PayHub.Client.Tests.Conformance;

/// <summary>What passes through the faulty peer: the request's or the answer's headers and body, which a fault may change.</summary>
public sealed class Passing(Dictionary<string, string> headers, byte[] body)
{
    public Dictionary<string, string> Headers { get; } = headers;

    public byte[] Body { get; set; } = body;

    /// <summary>Set by a request fault to answer at once with these bytes (JSON), without asking PayHub.</summary>
    public byte[]? AnswerInstead { get; set; }
}

/// <summary>
/// A deliberately faulty implementation for conform to find out: PayHub on loopback behind a relay that breaks one rule
/// of the contract (its request and answer faults), as a hand-written implementation might.
/// </summary>
public static class FaultyPeer
{
    private static readonly HashSet<string> Hop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Content-Length", "Transfer-Encoding", "Connection" };

    /// <summary>A gateway that skips the caller's signature check: it signs every request itself with the front-end's secret before PayHub sees it.</summary>
    public static void SkipDspSignatureCheck(string path, Passing request)
    {
        _ = path;
        request.Headers[PayHub.Protocols.Agreements.DspSignature.ClientHeader] = "demo-frontend";
        request.Headers[PayHub.Protocols.Agreements.DspSignature.SignatureHeader] = PayHub.Protocols.Agreements.DspSignature.Compute("demo-dsp-secret", request.Body);
    }

    public static async Task<WebApplication> StartAsync(Uri payhub, Action<string, Passing>? requestFault = null, Action<string, Passing>? answerFault = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new HttpClient { BaseAddress = payhub };
        app.Map("/{**path}", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var path = http.Request.Path.Value!;
            var request = new Passing(
                http.Request.Headers.Where(h => !Hop.Contains(h.Key)).ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), buffer.ToArray());
            requestFault?.Invoke(path, request);
            if (request.AnswerInstead is { } instead)
            {
                http.Response.ContentType = "application/json; charset=utf-8";
                await http.Response.Body.WriteAsync(instead);
                return;
            }

            using var forwarded = new HttpRequestMessage(new HttpMethod(http.Request.Method), path + http.Request.QueryString);
            if (request.Body.Length > 0 || http.Request.Method == "POST")
            {
                forwarded.Content = new ByteArrayContent(request.Body);
            }

            foreach (var (name, value) in request.Headers)
            {
                if (!forwarded.Headers.TryAddWithoutValidation(name, value))
                {
                    forwarded.Content?.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using var response = await upstream.SendAsync(forwarded);
            var answer = new Passing(
                response.Headers.Concat(response.Content.Headers).Where(h => !Hop.Contains(h.Key)).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase),
                await response.Content.ReadAsByteArrayAsync());
            answerFault?.Invoke(path, answer);
            http.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, value) in answer.Headers)
            {
                http.Response.Headers[name] = value;
            }

            await http.Response.Body.WriteAsync(answer.Body);
        });
        await app.StartAsync();
        return app;
    }
}
