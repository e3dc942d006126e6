using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using PayHub.Protocols.GlobalAccounts;

namespace PayHub.GlobalAccounts;

/// <summary>
/// Writes every answer of the global account API, whatever its result: HTTP 200, a JSON body with the
/// operation's fields and then <c>result</c>, and the lower-case <c>client-id</c>, <c>response-time</c>
/// and <c>signature</c> headers, signed with the server's key over the body as written.
/// </summary>
public sealed class SignedAnswer(ServerSigningKey serverKey, TimeProvider clock)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The request URI the caller signed: the path and query of the request target as it arrived (still
    /// percent-encoded as sent). A target in absolute form (<c>POST https://host/path HTTP/1.1</c>, as the
    /// Python client sends it) is signed over its path and query too, never over the scheme and host.
    /// </summary>
    public static string RequestUriOf(HttpContext http) =>
        http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? PathAndQuery(raw) : http.Request.Path + http.Request.QueryString;

    /// <summary>The path and query of a request target in origin form (kept as it is) or absolute form (scheme and authority dropped).</summary>
    public static string PathAndQuery(string target)
    {
        var scheme = target.IndexOf("://", StringComparison.Ordinal);
        if (target.StartsWith('/') || scheme < 0)
        {
            return target;
        }

        var afterAuthority = target.AsSpan(scheme + 3).IndexOfAny('/', '?');
        if (afterAuthority < 0)
        {
            return "/";
        }

        var rest = target[(scheme + 3 + afterAuthority)..];
        return rest.StartsWith('?') ? "/" + rest : rest;
    }

    /// <summary>The answer's body, before it is signed.</summary>
    public static ArrayBufferWriter<byte> Body(GlobalAnswer answer)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        json.WriteStartObject();
        answer.Fields?.Invoke(json);
        json.WriteStartObject("result");
        json.WriteString("resultCode", answer.Result.ResultCode);
        json.WriteString("resultMessage", answer.Result.ResultMessage);
        json.WriteString("resultStatus", answer.Result.ResultStatus);
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        return buffer;
    }

    public async Task WriteAsync(HttpContext http, GlobalAnswer answer, string clientId, string requestUri, bool badSignature = false)
    {
        var buffer = Body(answer);
        var responseTime = RequestTime.Format(clock.GetUtcNow());
        // A sandbox fault signs another time than the one sent: a well-formed signature that does not verify.
        var signature = serverKey.Sign(Rsa256Signature.Content("POST", requestUri, clientId, badSignature ? responseTime + "0" : responseTime, buffer.WrittenSpan));
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=UTF-8";
        http.Response.Headers["client-id"] = clientId;
        http.Response.Headers["response-time"] = responseTime;
        http.Response.Headers["signature"] = SignatureHeader.Rsa256(serverKey.KeyVersion, signature).ToString();
        http.Response.ContentLength = buffer.WrittenCount;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted);
    }
}
