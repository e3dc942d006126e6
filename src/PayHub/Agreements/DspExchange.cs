using PayHub.Audit;
using PayHub.Protocols.Agreements;

namespace PayHub.Agreements;

/// <summary>One request to the gateway as it goes through the checks: who sent it, what was read, and whether its audit row is written.</summary>
public sealed class DspExchange(string requestId, long startedAt, TimeProvider clock)
{
    public string RequestId { get; } = requestId;

    public long StartedAt { get; } = startedAt;

    /// <summary>The authenticated front-end; null until the signature is checked.</summary>
    public string? ClientId { get; set; }

    /// <summary>The front-end as it named itself (for the audit row of a refused signature).</summary>
    public string? ClaimedClientId { get; set; }

    public AtsyhRequest? Request { get; set; }

    public bool Audited { get; set; }

    /// <summary>The audit row of this exchange with the answer given, personal data masked.</summary>
    public AuditEntry AuditOf(DspAnswer answer)
    {
        var request = Request;
        var step = request?.Detail.Value("Step");
        var requestFields = request is null ? [] : request.Header.All.Concat(request.Detail.All).ToList();
        return new AuditEntry(
            "dsp",
            (request?.TransType ?? "-") + (step is null ? "" : "/" + step),
            ClientId ?? ClaimedClientId ?? "-",
            request?.Detail.Value("ReqSeqID") ?? "",
            answer.UnifiedCode,
            (long)clock.GetElapsedTime(StartedAt).TotalMilliseconds,
            RequestId,
            AuditRecorder.MaskedJson(requestFields, Classify),
            AuditRecorder.MaskedJson(answer.ToDetail(request?.TransType, request?.Detail.Value("ReqSeqID") ?? "").All, Classify));
    }

    /// <summary>Which DSP fields hold personal data (SPEC.md "Common").</summary>
    public static PersonalData Classify(string field) => field switch
    {
        "PayAct" or "RecAct" or "CertNum" => PersonalData.Number,
        "PayName" or "RecName" or "InsureName" => PersonalData.Name,
        "CellPhone" => PersonalData.Phone,
        "SmsCode" => PersonalData.Secret,
        _ => PersonalData.None,
    };
}
