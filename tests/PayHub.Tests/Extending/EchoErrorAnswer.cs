using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PayHub.Hosting;

namespace PayHub.Tests.Extending;

/// <summary>Step 4 of docs/extending.md: whatever escapes the front door under <c>/echo</c> is answered in the family's envelope.</summary>
public sealed class EchoErrorAnswer : IFamilyErrorAnswer
{
    public IReadOnlyList<string> PathPrefixes { get; } = ["/echo"];

    public Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "application/xml; charset=GBK";
        return context.Response.Body.WriteAsync(
            Protocols.Utility.UtilityXmlCodec.Write(
                Protocols.Utility.UtilityEnvelope.Response(null, "Echo", Protocols.Utility.UtilityRespCode.SystemError, "system error", []),
                Protocols.Xml.XmlCharsets.Gbk,
                "GBK")).AsTask();
    }
}
