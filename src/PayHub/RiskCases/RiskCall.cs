using System.Text.Json;
using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>An authenticated call: the agent, its signed JSON body, and its exchange.</summary>
public sealed record RiskCall(RiskAgent Caller, JsonElement Body, RiskExchange Exchange)
{
    /// <summary>For an operation with an effect: writes the audit row of <paramref name="answer"/> inside the effect's write.</summary>
    public void RecordAudit(WriteScope scope, RiskAnswer answer) => Exchange.RecordAudit(scope, Exchange.AuditOf(answer));
}
