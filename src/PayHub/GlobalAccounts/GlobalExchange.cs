using System.Text.Json;
using PayHub.Audit;
using PayHub.Exchanges;

namespace PayHub.GlobalAccounts;

/// <summary>One request to the global account API: the Client-Id it named, the URI it signed, and its body once read.</summary>
public sealed class GlobalExchange(ExchangeStart start) : Exchange(start, "global")
{
    /// <summary>The Client-Id header as sent: the answer's <c>client-id</c> and part of what it signs.</summary>
    public string ClientId { get; } = start.Http.Request.Headers["Client-Id"].ToString();

    /// <summary>The request URI the caller signed, which the answer's signature covers too.</summary>
    public string RequestUri { get; } = SignedAnswer.RequestUriOf(start.Http);

    public JsonElement? Body { get; set; }

    /// <summary>OAuth codes and tokens in a body are credentials.</summary>
    public override CredentialFields CredentialFields => Credentials;

    /// <summary>The body fields of this family that hold credentials.</summary>
    public static readonly CredentialFields Credentials = new("authCode", "refreshToken", "accessToken");

    /// <summary>The journal row: the body and the answer before signing, masked, when the journal keeps them; the result.</summary>
    public AuditEntry AuditOf(GlobalAnswer answer)
    {
        var refused = answer.Result.ResultStatus != "S";
        var bodies = KeepsBodies(refused);
        return new AuditEntry(
            Family,
            Http.Request.Path.Value?.Split('/').LastOrDefault() ?? "-",
            ClientId.Length is > 0 and <= 64 ? ClientId : "-",
            "",
            answer.Result.ResultCode,
            ElapsedMs,
            RequestId,
            !bodies ? "" : Body is { ValueKind: JsonValueKind.Object } body ? JsonMasking.Masked(body, Classify) : "{}",
            !bodies ? "" : JsonMasking.Masked(SignedAnswer.Body(answer).WrittenSpan, Classify))
        {
            Status = StatusCodes.Status200OK,
            Refused = refused,
            RefusedBy = CheckOf(answer),
            Diagnosis = answer.Result.ResultMessage,
        };
    }

    /// <summary>Whose refusal an answer is: the server's own failure (UNKNOWN_EXCEPTION), else the business's.</summary>
    public static string CheckOf(GlobalAnswer answer) =>
        answer.Result.ResultCode == Protocols.GlobalAccounts.ResultCode.UnknownException.ResultCode ? "internal" : "business";

    private static List<KeyValuePair<string, string>> TopLevelStrings(JsonElement body) =>
        body.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToList();

    private static PersonalData Classify(string field) => field switch
    {
        "accessToken" or "refreshToken" or "authCode" => PersonalData.Secret,
        "accountNo" or "certificateNo" => PersonalData.Number,
        _ => PersonalData.None,
    };
}
