using System.Text.Json;
using PayHub.Protocols.GlobalAccounts;
using PayHub.Sandbox;

namespace PayHub.GlobalAccounts;

/// <summary>
/// The global account API's sandbox triggers, carried in the customer or credential the request names
/// (<c>SANDBOX_ACCESS_DENIED</c> as its <c>referenceCustomerId</c>): read once the request is signed, within the
/// rate and parsed, before the operation's own checks. A triggered answer is signed like any other.
/// </summary>
public static class GlobalTriggers
{
    private static readonly string[] Inquiries = ["inquiryAccount", "inquiryBalance"];
    private static readonly string[] All = ["inquiryAccount", "inquiryBalance", "applyToken"];
    private static readonly string[] BodyFields = ["referenceCustomerId", "customerId", "accessToken", "authCode", "refreshToken", "customerBelongsTo"];
    private static readonly string[] HeaderFields = ["Connected-CustomerId", "Access-Token"];

    public static TriggerCatalogue Catalogue { get; } = new(
        "global",
        "the customer or credential the request names: referenceCustomerId, customerId or accessToken (inquiryAccount); "
        + "the Connected-CustomerId or Access-Token header (inquiryBalance); authCode, refreshToken or customerBelongsTo (applyToken)",
        "_",
        All,
        ["applyToken"],
        [
            (ResultCode.ProcessFail.ResultCode, Inquiries, "F, as for a customer closed or frozen"),
            (ResultCode.UnknownException.ResultCode, All, "U, as for an unexpected failure; retry"),
            (ResultCode.TrafficExceedLimit.ResultCode, All, "U, as for a client over its rate limit; retry"),
            (ResultCode.OauthFail.ResultCode, ["applyToken"], "F, as for an unknown, used, revoked or expired authCode or refreshToken"),
            (ResultCode.UnSupportBusiness.ResultCode, ["inquiryAccount"], "F, as for an accountType the client is not enabled for"),
            (ResultCode.AccessTokenExpired.ResultCode, Inquiries, "F, as for an expired accessToken"),
            (ResultCode.AccountNotExist.ResultCode, Inquiries, "F, as for a customer this client does not have"),
            (ResultCode.AccessDenied.ResultCode, Inquiries, "F, as for a customer not authorised to this client"),
            (ResultCode.AuthorizationNotExist.ResultCode, Inquiries, "F, as for an unknown or revoked accessToken"),
        ],
        [
            new(ResultCode.Success.ResultCode, "an ordinary request (inquiryAccount RECEIVE_ACCOUNT of referenceCustomerId REF-0001)"),
            new(ResultCode.ParamIllegal.ResultCode, "a body that is not JSON, or without accountType"),
            new(ResultCode.InvalidApi.ResultCode, "POST /amsin/api/v1/business/account/noSuchApi"),
            new(ResultCode.MethodNotSupported.ResultCode, "GET instead of POST"),
            new(ResultCode.MediaTypeNotAcceptable.ResultCode, "Content-Type text/plain"),
            new(ResultCode.InvalidClient.ResultCode, "an unknown Client-Id"),
            new(ResultCode.KeyNotFound.ResultCode, "keyVersion=9 in the Signature header"),
            new(ResultCode.InvalidSignature.ResultCode, "a signature over other bytes, or a Request-Time more than 10 minutes off"),
            new(ResultCode.RepeatReqInconsistent.ResultCode, "never answered: it is reserved for write operations, and these three are reads"),
        ]);

    /// <summary>The first identifier of the request that starts with the trigger prefix; null when none does.</summary>
    public static string? ValueIn(JsonElement body, IHeaderDictionary headers)
    {
        foreach (var name in BodyFields)
        {
            if (body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                && value.GetString() is { } text && text.StartsWith(TriggerCatalogue.Prefix, StringComparison.Ordinal))
            {
                return text;
            }
        }

        foreach (var name in HeaderFields)
        {
            if (headers[name].ToString() is { } text && text.StartsWith(TriggerCatalogue.Prefix, StringComparison.Ordinal))
            {
                return text;
            }
        }

        return null;
    }
}
