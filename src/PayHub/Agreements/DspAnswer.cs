using System.Text.Json;
using PayHub.Protocols.Agreements;

namespace PayHub.Agreements;

/// <summary>
/// The gateway's answer to one request, before it is put in the response envelope: unified code,
/// RespInfo, the channel's own code, and the outcome (<see cref="State"/>: SignState, DeSignState
/// or ContractState by TransType), with AuthCode, DeadLine and SingleLimit where they belong.
/// </summary>
public sealed record DspAnswer(
    string UnifiedCode,
    string RespInfo,
    string OriginalCode = "",
    string? State = null,
    string? AuthCode = null,
    string? DeadLine = null,
    string? SingleLimit = null)
{
    /// <summary>A refusal with RespCode -1 and no state field (EC901, EC903–EC907).</summary>
    public static DspAnswer Refuse(string unifiedCode, string? info = null) =>
        new(unifiedCode, info is null ? Protocols.Agreements.UnifiedCode.DefaultMessage(unifiedCode) : info);

    /// <summary>The answer to a Contract or DeContract step: its SignState/DeSignState follows from the unified code.</summary>
    public static DspAnswer ForStep(string unifiedCode, string? message, string originalCode, string? authCode = null) =>
        new(unifiedCode, message ?? Protocols.Agreements.UnifiedCode.DefaultMessage(unifiedCode), originalCode, StepState(unifiedCode), authCode);

    public string RespCode => Protocols.Agreements.UnifiedCode.RespCodeOf(UnifiedCode);

    /// <summary>The DetailRecord in the seed's order: RespCode, RespInfo, ReqSeqID, UnifiedCode, the state, AuthCode…, OriginalCode.</summary>
    public AtsyhFields ToDetail(string? transType, string reqSeqId)
    {
        var detail = new AtsyhFields()
            .Set("RespCode", RespCode)
            .Set("RespInfo", RespInfo)
            .Set("ReqSeqID", reqSeqId)
            .Set("UnifiedCode", UnifiedCode);
        if (RespCode == "0" && State is not null)
        {
            detail.Set(StateField(transType), State);
        }

        if (AuthCode is not null)
        {
            detail.Set("AuthCode", AuthCode);
        }

        if (DeadLine is not null)
        {
            detail.Set("DeadLine", DeadLine);
        }

        if (SingleLimit is not null)
        {
            detail.Set("SingleLimit", SingleLimit);
        }

        return detail.Set("OriginalCode", OriginalCode);
    }

    /// <summary>The response envelope: the request's BankCode, TransType and TransSeqID echoed (empty when unknown) around <see cref="ToDetail"/>.</summary>
    public AtsyhResponse ToResponse(AtsyhRequest? request)
    {
        var response = AtsyhResponse.Echo(request?.BankCode, request?.TransType, request?.TransSeqId);
        foreach (var (name, value) in ToDetail(request?.TransType, request?.Detail.Value("ReqSeqID") ?? "").All)
        {
            response.Detail.Set(name, value);
        }

        return response;
    }

    /// <summary>The answer as the ReqSeqID register keeps it.</summary>
    public string ToKept() => JsonSerializer.Serialize(this, AgreementJson.Default.DspAnswer);

    public static DspAnswer FromKept(string kept) => JsonSerializer.Deserialize(kept, AgreementJson.Default.DspAnswer)!;

    private static string StateField(string? transType) => transType switch
    {
        TransType.Contract => "SignState",
        TransType.DeContract => "DeSignState",
        _ => "ContractState",
    };

    private static string? StepState(string unifiedCode) => unifiedCode switch
    {
        Protocols.Agreements.UnifiedCode.Success => "success",
        Protocols.Agreements.UnifiedCode.CodeSent => "processing",
        Protocols.Agreements.UnifiedCode.Unknown => "unknown",
        _ when Protocols.Agreements.UnifiedCode.RespCodeOf(unifiedCode) == "-1" => null,
        _ => "fail",
    };
}
