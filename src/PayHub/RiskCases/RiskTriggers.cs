using System.Globalization;
using System.Text.Json;
using PayHub.Protocols.RiskCases;
using PayHub.Sandbox;

namespace PayHub.RiskCases;

/// <summary>
/// The risk interface's sandbox triggers, carried in <c>surveyWay</c> (reply) or <c>caseNo</c> (the query's filter,
/// the reply's case): <c>SANDBOX_10006</c>. Read once the agent is authenticated and within its rate, before the
/// operation's own checks. A reply's effect-then-drop goes in <c>surveyWay</c>, beside the real caseNo.
/// </summary>
public static class RiskTriggers
{
    private static readonly string[] All = ["query", "reply"];

    public static TriggerCatalogue Catalogue { get; } = new(
        "risk",
        "surveyWay (reply), else caseNo (the query's filter, the reply's case)",
        "_",
        All,
        ["reply"],
        [
            (Code(RiskReturnCode.OutsideTree), ["query"], "as for an agentNo outside the caller's tree"),
            (Code(RiskReturnCode.RateLimited), All, "as for an agent over its rate limit"),
            (Code(RiskReturnCode.NotAwaitingReply), ["reply"], "as for a case in review with another reply, passed or closed; nothing changes"),
            (Code(RiskReturnCode.InternalError), All, "as for an internal error; nothing changes"),
        ],
        [
            new(Code(RiskReturnCode.Success), "an ordinary request (query page 1, rows 10)"),
            new(Code(RiskReturnCode.BadParameter), "leave out page, or send a body that is not JSON"),
            new(Code(RiskReturnCode.BadSign), "a sign computed with another secret, or a timestamp more than 5 minutes off"),
            new(Code(RiskReturnCode.UnknownAccessId), "an accessid that is not registered"),
        ]);

    /// <summary>The trigger value of a request: its surveyWay or caseNo when it starts with the prefix; null otherwise.</summary>
    public static string? ValueIn(JsonElement body)
    {
        foreach (var name in (string[])["surveyWay", "caseNo"])
        {
            if (body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                && value.GetString() is { } text && text.StartsWith(TriggerCatalogue.Prefix, StringComparison.Ordinal))
            {
                return text;
            }
        }

        return null;
    }

    private static string Code(int code) => code.ToString(CultureInfo.InvariantCulture);
}
