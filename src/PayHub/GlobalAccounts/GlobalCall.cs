using System.Text.Json;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>An authenticated call: the integrator, its JSON body (an object), its request headers, and its exchange.</summary>
public sealed record GlobalCall(Integrator Client, JsonElement Body, IHeaderDictionary Headers, GlobalExchange Exchange)
{
    /// <summary>For an operation with an effect: writes the audit row of <paramref name="answer"/> inside the effect's write.</summary>
    public void RecordAudit(WriteScope scope, GlobalAnswer answer) => Exchange.RecordAudit(scope, Exchange.AuditOf(answer));
}
