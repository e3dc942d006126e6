using PayHub.Hosting;
using PayHub.Protocols.RiskCases;

namespace PayHub.RiskCases;

/// <summary>A failure that escaped the gateway: HTTP 200, <c>{"return_code":19999,…}</c>.</summary>
public sealed class RiskErrorAnswer : IFamilyErrorAnswer
{
    public IReadOnlyList<string> PathPrefixes { get; } = ["/risk"];

    public Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync($$"""{"return_code":{{RiskReturnCode.InternalError}},"return_msg":"{{RiskReturnCode.Message(RiskReturnCode.InternalError)}}"}""");
    }
}
