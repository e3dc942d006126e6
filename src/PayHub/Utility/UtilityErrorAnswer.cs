using PayHub.Hosting;
using PayHub.Protocols.Utility;

namespace PayHub.Utility;

/// <summary>SYS9999 in plain GBK XML for a failure that escaped the gateway.</summary>
public sealed class UtilityErrorAnswer : IFamilyErrorAnswer
{
    public string PathPrefix => "/utility";

    public Task WriteAsync(HttpContext context)
    {
        var response = UtilityEnvelope.Response(null, null, UtilityRespCode.SystemError, UtilityAnswer.Messages.For(UtilityRespCode.SystemError));
        var body = UtilityXmlCodec.Write(response, UtilityCharsets.Gbk, "GBK");
        context.Response.StatusCode = UtilityRespCode.HttpStatus(UtilityRespCode.SystemError);
        context.Response.ContentType = "application/xml; charset=GBK";
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
