using PayHub.Hosting;
using PayHub.Protocols.Agreements;

namespace PayHub.Agreements;

/// <summary>A failure that escaped the gateway: still HTTP 200 with the ATSYH envelope, EC904 (nothing was kept; safe to retry).</summary>
public sealed class DspErrorAnswer : IFamilyErrorAnswer
{
    public IReadOnlyList<string> PathPrefixes { get; } = ["/dsp"];

    public Task WriteAsync(HttpContext context)
    {
        var response = DspAnswer.Refuse(UnifiedCode.Unavailable, "gateway error; safe to retry (request " + context.TraceIdentifier + ")").ToResponse(null);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/xml; charset=utf-8";
        return context.Response.Body.WriteAsync(AtsyhCodec.WriteResponse(response)).AsTask();
    }
}
