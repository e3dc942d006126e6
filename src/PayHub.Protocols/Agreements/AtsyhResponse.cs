namespace PayHub.Protocols.Agreements;

/// <summary>
/// An ATSYH response: <c>&lt;ATSYH&gt;&lt;TransResp&gt;</c> echoing BankCode, TransType and
/// TransSeqID, and one <c>DetailRecord</c> (RespCode, RespInfo, ReqSeqID, UnifiedCode, the state
/// field, OriginalCode, …).
/// </summary>
public sealed class AtsyhResponse
{
    public AtsyhFields Header { get; } = new();

    public AtsyhFields Detail { get; } = new();

    public string? RespCode => Detail.Get("RespCode");

    public string? UnifiedCode => Detail.Get("UnifiedCode");

    /// <summary>A response echoing the request's BankCode, TransType and TransSeqID (empty when unknown).</summary>
    public static AtsyhResponse Echo(string? bankCode, string? transType, string? transSeqId)
    {
        var response = new AtsyhResponse();
        response.Header.Set("BankCode", bankCode ?? "").Set("TransType", transType ?? "").Set("TransSeqID", transSeqId ?? "");
        return response;
    }
}
