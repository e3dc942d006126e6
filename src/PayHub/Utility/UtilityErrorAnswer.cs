using PayHub.Hosting;
using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;

namespace PayHub.Utility;

/// <summary>
/// Answers given outside the gateway, in plain GBK XML: SYS9999 for a failure that escaped it, and
/// DEF0001 with HTTP 405 for a method other than POST.
/// </summary>
public sealed class UtilityErrorAnswer : IFamilyErrorAnswer
{
    private const string ContentType = "application/xml; charset=GBK";

    public IReadOnlyList<string> PathPrefixes { get; } = ["/utility"];

    public Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = UtilityRespCode.HttpStatus(UtilityRespCode.SystemError);
        context.Response.ContentType = ContentType;
        return context.Response.Body.WriteAsync(PlainGbk(UtilityAnswer.Refuse(UtilityRespCode.SystemError))).AsTask();
    }

    /// <summary>A method other than POST: DEF0001 with HTTP 405 and an Allow header.</summary>
    public static IResult WrongMethod(HttpContext http)
    {
        http.Response.Headers.Allow = "POST";
        http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        return Results.Bytes(PlainGbk(UtilityAnswer.Refuse(UtilityRespCode.Unreadable, "method must be POST")), ContentType);
    }

    /// <summary>An answer to a request that was never read: empty echo fields, GBK XML.</summary>
    private static byte[] PlainGbk(UtilityAnswer answer) =>
        UtilityXmlCodec.Write(UtilityEnvelope.Response(null, null, answer.RespCode, answer.RespMessage), XmlCharsets.Gbk, "GBK");
}
