using System.Text;
using PayHub.Audit;
using PayHub.Exchanges;
using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;

namespace PayHub.Utility;

/// <summary>
/// One request through the utility gateway: what has been learned about it so far (format,
/// charset, institution, decrypted message), which decides how its answer is written.
/// </summary>
public sealed class UtilityExchange(ExchangeStart start, string? pathTranCode) : Exchange(start, "utility")
{
    /// <summary>The TranCode named in the path (<c>/utility/CustomerCheck</c>); null on <c>/utility</c>.</summary>
    public string? PathTranCode { get; } = pathTranCode;

    public UtilityDataType DataType { get; set; } = UtilityDataType.Xml;

    public Encoding Encoding { get; set; } = XmlCharsets.Gbk;

    public string DeclaredCharset { get; set; } = "GBK";

    public Institution? Institution { get; set; }

    /// <summary>Set once the body was decrypted: from then on every answer is encrypted the same way.</summary>
    public UtilityEncryption? AnswerEncryption { get; set; }

    public UtilityMessage? Request { get; set; }

    public string? TranCode { get; set; }

    private (UtilityAnswer Answer, UtilityMessage Message)? _response;

    /// <summary>The response message for an answer; built once, as the audit row and the wire both need it.</summary>
    public UtilityMessage Response(UtilityAnswer answer)
    {
        if (_response is { } built && ReferenceEquals(built.Answer, answer))
        {
            return built.Message;
        }

        var message = UtilityEnvelope.Response(Request, Request?.Get("TranCode") ?? TranCode, answer.RespCode, answer.RespMessage, answer.Fields);
        _response = (answer, message);
        return message;
    }

    /// <summary>Whose refusal an answer is: the server's own failure (SYS9999), else the business's.</summary>
    public static string CheckOf(UtilityAnswer answer) => answer.RespCode == UtilityRespCode.SystemError ? "internal" : "business";

    /// <summary>
    /// The journal row of an answer: the masked request and response when the journal keeps them (every answer on a
    /// sandbox, refusals in production); a success's whole answer is also kept in the TranSeq register.
    /// </summary>
    public AuditEntry AuditOf(UtilityAnswer answer)
    {
        var refused = answer.RespCode != UtilityRespCode.Success;
        var bodies = KeepsBodies(refused);
        return new AuditEntry(
            "utility",
            Request?.Get("TranCode") ?? TranCode ?? "",
            Institution?.InstId ?? "",
            Request is null ? "" : $"{Request.Get("TranDate")}/{Request.Get("TranSeq")}",
            answer.RespCode,
            ElapsedMs,
            RequestId,
            !bodies ? "" : Request is null ? "{}" : AuditRecorder.MaskedJson(Request.Fields, UtilityFields.Classify),
            !bodies ? "" : AuditRecorder.MaskedJson(Response(answer).Fields, UtilityFields.Classify))
        {
            Status = UtilityRespCode.HttpStatus(answer.RespCode),
            Refused = refused,
            RefusedBy = CheckOf(answer),
            Diagnosis = answer.RespMessage,
        };
    }
}
