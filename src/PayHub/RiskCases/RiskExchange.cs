using System.Globalization;
using System.Text.Json;
using PayHub.Audit;
using PayHub.Exchanges;

namespace PayHub.RiskCases;

/// <summary>One request to <c>/risk/case/…</c>: the operation its path names, its body once parsed, and the agent once known.</summary>
public sealed class RiskExchange(ExchangeStart start, IRiskOperation operation) : Exchange(start, "risk")
{
    public IRiskOperation Operation { get; } = operation;

    public JsonElement? Body { get; set; }

    public RiskAgent? Caller { get; set; }

    /// <summary>The sign is a credential: a kept copy must not be replayable.</summary>
    public override CredentialFields CredentialFields => Credentials;

    /// <summary>The body fields of this family that hold credentials.</summary>
    public static readonly CredentialFields Credentials = new("sign");

    /// <summary>
    /// The journal row: when the journal keeps them, the body as an operator may read it (<see cref="RiskFields.Masked"/>)
    /// and the answer, masked; the caseNo as the sequence number; the return code.
    /// </summary>
    public AuditEntry AuditOf(RiskAnswer answer)
    {
        var refused = answer.ReturnCode != Protocols.RiskCases.RiskReturnCode.Success;
        var bodies = KeepsBodies(refused);
        return new AuditEntry(
            Family,
            Operation.Name,
            Caller?.AgentNo ?? "-",
            Body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("caseNo", out var caseNo) && caseNo.ValueKind == JsonValueKind.String ? caseNo.GetString()! : "",
            answer.ReturnCode.ToString(CultureInfo.InvariantCulture),
            ElapsedMs,
            RequestId,
            !bodies ? "" : Body is { ValueKind: JsonValueKind.Object } o ? RiskFields.Masked(o) : "{}",
            !bodies ? "" : JsonMasking.Masked(RiskGateway.Body(answer).WrittenSpan, RiskFields.Classify))
        {
            Status = StatusCodes.Status200OK,
            Refused = refused,
            RefusedBy = CheckOf(answer.ReturnCode),
            Diagnosis = answer.ReturnMessage,
        };
    }

    /// <summary>The operation, the return code and whose refusal, for metrics: what the audit row says of them, without building it.</summary>
    public Exchanges.ExchangeOutcome Outcome(RiskAnswer answer) =>
        new(Operation.Name, answer.ReturnCode.ToString(CultureInfo.InvariantCulture), answer.ReturnCode != Protocols.RiskCases.RiskReturnCode.Success, CheckOf(answer.ReturnCode));

    private static string CheckOf(int returnCode) => returnCode switch
    {
        Protocols.RiskCases.RiskReturnCode.BadParameter => "parameters",
        Protocols.RiskCases.RiskReturnCode.OutsideTree => "scope",
        Protocols.RiskCases.RiskReturnCode.NotAwaitingReply => "case-state",
        Protocols.RiskCases.RiskReturnCode.InternalError => "internal",
        _ => "business",
    };
}
