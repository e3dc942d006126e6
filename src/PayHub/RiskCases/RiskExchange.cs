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

    /// <summary>The audit row: the body's fields but the sign, masked; the caseNo as the sequence number; the return code.</summary>
    public AuditEntry AuditOf(RiskAnswer answer) => new(
        Family,
        Operation.Name,
        Caller?.AgentNo ?? "-",
        Body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("caseNo", out var caseNo) && caseNo.ValueKind == JsonValueKind.String ? caseNo.GetString()! : "",
        answer.ReturnCode.ToString(CultureInfo.InvariantCulture),
        ElapsedMs,
        RequestId,
        Body is { ValueKind: JsonValueKind.Object } o ? AuditRecorder.MaskedJson(Flat(o), Classify) : "{}",
        "{}");

    private static List<KeyValuePair<string, string>> Flat(JsonElement body) =>
        body.EnumerateObject().Where(p => p.Name != "sign")
            .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))
            .ToList();

    private static PersonalData Classify(string field) => field switch
    {
        "legalPhone" => PersonalData.Phone,
        "legalPerson" => PersonalData.Name,
        "cardNo" => PersonalData.Number,
        _ => PersonalData.None,
    };
}
