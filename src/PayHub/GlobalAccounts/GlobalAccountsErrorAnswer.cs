using PayHub.Hosting;
using PayHub.Protocols.GlobalAccounts;

namespace PayHub.GlobalAccounts;

/// <summary>A failure that escaped the gateway: UNKNOWN_EXCEPTION (U), HTTP 200, signed like every answer.</summary>
public sealed class GlobalAccountsErrorAnswer(SignedAnswer signedAnswer) : IFamilyErrorAnswer
{
    public IReadOnlyList<string> PathPrefixes => GlobalPaths.Roots;

    public Task WriteAsync(HttpContext context) =>
        signedAnswer.WriteAsync(context, GlobalAnswer.Refuse(ResultCode.UnknownException), context.Request.Headers["Client-Id"].ToString(), SignedAnswer.RequestUriOf(context));
}
