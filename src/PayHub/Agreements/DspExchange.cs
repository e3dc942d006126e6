using PayHub.Audit;
using PayHub.Exchanges;
using PayHub.Protocols.Agreements;

namespace PayHub.Agreements;

/// <summary>One request to the gateway as it goes through the checks: who sent it, what was read, and whether its audit row is written.</summary>
public sealed class DspExchange(ExchangeStart start) : Exchange(start, "dsp")
{
    /// <summary>The authenticated front-end; null until the signature is checked.</summary>
    public string? ClientId { get; set; }

    /// <summary>The front-end as it named itself (for the audit row of a refused signature).</summary>
    public string? ClaimedClientId { get; set; }

    public AtsyhRequest? Request { get; set; }

    /// <summary>The SMS code a payer confirms with is a credential.</summary>
    public override CredentialFields CredentialFields => Credentials;

    /// <summary>The body fields of this family that hold credentials.</summary>
    public static readonly CredentialFields Credentials = new("SmsCode");

    /// <summary>How the request was written (its charset), which its answer repeats.</summary>
    public (System.Text.Encoding Encoding, string? Declared) Charset { get; set; } = (Protocols.Xml.XmlCharsets.Utf8, null);

    /// <summary>The audit row of this exchange with the answer given, personal data masked.</summary>
    public AuditEntry AuditOf(DspAnswer answer)
    {
        var request = Request;
        var step = request?.Detail.Value("Step");
        var refused = answer.UnifiedCode is not (UnifiedCode.Success or UnifiedCode.CodeSent);
        var bodies = KeepsBodies(refused);
        var requestFields = request is null || !bodies ? [] : request.Header.All.Concat(request.Detail.All).ToList();
        return new AuditEntry(
            "dsp",
            (request?.TransType ?? "-") + (step is null ? "" : "/" + step),
            ClientId ?? ClaimedClientId ?? "-",
            request?.Detail.Value("ReqSeqID") ?? "",
            answer.UnifiedCode,
            ElapsedMs,
            RequestId,
            bodies ? AuditRecorder.MaskedJson(requestFields, Classify) : "",
            bodies ? AuditRecorder.MaskedJson(answer.ToDetail(request?.TransType, request?.Detail.Value("ReqSeqID") ?? "").All, Classify) : "")
        {
            Status = StatusCodes.Status200OK,
            Refused = refused,
            RefusedBy = CheckOf(answer),
            Diagnosis = answer.OriginalCode.Length > 0 ? $"{answer.RespInfo} (the channel's own code {answer.OriginalCode})" : answer.RespInfo,
        };
    }

    /// <summary>Whose refusal an answer is: the channel's (it was reached, or its outcome is unknown, unavailable or unmapped), else the agreement's.</summary>
    public static string CheckOf(DspAnswer answer) =>
        answer.OriginalCode.Length > 0 || answer.UnifiedCode is UnifiedCode.Unknown or UnifiedCode.Unavailable or UnifiedCode.Unmapped ? "channel" : "agreement";

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
