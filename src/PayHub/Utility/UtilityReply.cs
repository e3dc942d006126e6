using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;

namespace PayHub.Utility;

/// <summary>
/// The bytes of a utility answer with its status and Content-Type; adds <c>X-Response-Time</c>,
/// the server's time spent in whole milliseconds.
/// </summary>
public sealed class UtilityReply(int statusCode, string contentType, byte[] body, long startedAt, TimeProvider clock) : IResult
{
    public int StatusCode => statusCode;

    /// <summary>The answer in the request's DataType and charset, encrypted as the request was.</summary>
    public static UtilityReply Of(UtilityExchange exchange, UtilityAnswer answer, TimeProvider clock)
    {
        var response = exchange.Response(answer);
        var payload = exchange.DataType == UtilityDataType.Json
            ? UtilityJsonCodec.Write(response)
            : UtilityXmlCodec.Write(response, exchange.Encoding, exchange.DeclaredCharset);
        var status = UtilityRespCode.HttpStatus(answer.RespCode);
        if (exchange.AnswerEncryption is { } encryption)
        {
            var sealedText = encryption.Seal(exchange.Institution!.KeyFor(encryption.Kind!.Value)!, payload);
            return new UtilityReply(status, "text/plain", System.Text.Encoding.ASCII.GetBytes(sealedText), exchange.StartedAt, clock);
        }

        var contentType = exchange.DataType == UtilityDataType.Json
            ? "application/json; charset=utf-8"
            : "application/xml; charset=" + exchange.DeclaredCharset;
        return new UtilityReply(status, contentType, payload, exchange.StartedAt, clock);
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        var elapsed = clock.GetElapsedTime(startedAt);
        response.Headers["X-Response-Time"] = ((long)elapsed.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
