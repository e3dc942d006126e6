namespace PayHub.Protocols.Utility;

/// <summary>
/// The common fields every utility message carries, and the shape of a response: the request's
/// echo (<c>Version InstId TranCode+Res TranDate TranSeq</c>), <c>RespCode RespMessage</c>, the
/// operation's fields, then <c>filed1 filed2 filed3</c> empty.
/// </summary>
public static class UtilityEnvelope
{
    public const string Version = "1.0.1";

    public static UtilityMessage Response(
        UtilityMessage? request,
        string? tranCode,
        string respCode,
        string respMessage,
        IReadOnlyList<KeyValuePair<string, string>>? operationFields = null)
    {
        var response = new UtilityMessage(UtilityMessage.ResponseRoot)
            .Set("Version", request?.Get("Version") ?? Version)
            .Set("InstId", request?.Get("InstId"))
            .Set("TranCode", tranCode is null ? "" : tranCode + "Res")
            .Set("TranDate", request?.Get("TranDate"))
            .Set("TranSeq", request?.Get("TranSeq"))
            .Set("RespCode", respCode)
            .Set("RespMessage", respMessage);
        for (var i = 0; i < (operationFields?.Count ?? 0); i++)
        {
            response.Set(operationFields![i].Key, operationFields[i].Value);
        }

        return response.Set("filed1", "").Set("filed2", "").Set("filed3", "");
    }

    /// <summary>A request with the common fields filled in, for clients and tests.</summary>
    public static UtilityMessage Request(string instId, string tranCode, string tranDate, string tranSeq) =>
        new UtilityMessage(UtilityMessage.RequestRoot)
            .Set("Version", Version)
            .Set("InstId", instId)
            .Set("TranCode", tranCode)
            .Set("TranDate", tranDate)
            .Set("TranSeq", tranSeq);
}
