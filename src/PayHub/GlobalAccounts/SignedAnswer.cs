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

    /// <summary>The request URI the caller signed: the request target as it arrived.</summary>
    public static string RequestUriOf(HttpContext http) =>
        http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : http.Request.Path + http.Request.QueryString;

    public async Task WriteAsync(HttpContext http, GlobalAnswer answer, string clientId, string requestUri)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            answer.Fields?.Invoke(json);
            json.WriteStartObject("result");
            json.WriteString("resultCode", answer.Result.ResultCode);
            json.WriteString("resultMessage", answer.Result.ResultMessage);
            json.WriteString("resultStatus", answer.Result.ResultStatus);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        var responseTime = RequestTime.Format(clock.GetUtcNow());
        var signature = serverKey.Sign(Rsa256Signature.Content("POST", requestUri, clientId, responseTime, buffer.WrittenSpan));
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=UTF-8";
        http.Response.Headers["client-id"] = clientId;
        http.Response.Headers["response-time"] = responseTime;
        http.Response.Headers["signature"] = SignatureHeader.Rsa256(serverKey.KeyVersion, signature).ToString();
        http.Response.ContentLength = buffer.WrittenCount;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted);
    }
}
