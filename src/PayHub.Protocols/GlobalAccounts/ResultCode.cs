namespace PayHub.Protocols.GlobalAccounts;

/// <summary>The seed's two tables of result codes, with their status and message.</summary>
public static class ResultCode
{
    public static readonly Result Success = new("SUCCESS", "S", "success.");
    public static readonly Result ParamIllegal = new("PARAM_ILLEGAL", "F", "Illegal parameters exist. For example, a non-numeric input, or an invalid date.");
    public static readonly Result ProcessFail = new("PROCESS_FAIL", "F", "A general business failure occurred. Do not retry.");
    public static readonly Result UnknownException = new("UNKNOWN_EXCEPTION", "U", "API failed due to unknown reason.");
    public static readonly Result TrafficExceedLimit = new("REQUEST_TRAFFIC_EXCEED_LIMIT", "U", "The request traffic exceeds the limit.");
    public static readonly Result OauthFail = new("OAUTH_FAIL", "F", "OAuth process failed.");
    public static readonly Result InvalidApi = new("INVALID_API", "F", "The called API is invalid or not active.");
    public static readonly Result InvalidClient = new("INVALID_CLIENT", "F", "The client is invalid.");
    public static readonly Result InvalidSignature = new("INVALID_SIGNATURE", "F", "The signature is invalid.");
    public static readonly Result MethodNotSupported = new("METHOD_NOT_SUPPORTED", "F", "The server does not implement the requested HTTP method.");
    public static readonly Result AccessTokenExpired = new("ACCESS_TOKEN_EXPIRED", "F", "The access token has expired.");
    public static readonly Result KeyNotFound = new("KEY_NOT_FOUND", "F", "The key is not found.");
    public static readonly Result AccessDenied = new("ACCESS_DENIED", "F", "The access is denied.");
    public static readonly Result MediaTypeNotAcceptable = new("MEDIA_TYPE_NOT_ACCEPTABLE", "F", "The server does not implement the media type that is acceptable to the client.");
    public static readonly Result RepeatReqInconsistent = new("REPEAT_REQ_INCONSISTENT", "F", "Repeated requests are inconsistent.");
    public static readonly Result UnSupportBusiness = new("UN_SUPPORT_BUSINESS", "F", "Unsupported business.");
    public static readonly Result AccountNotExist = new("ACCOUNT_NOT_EXIST", "F", "Account does not exist.");
    public static readonly Result AuthorizationNotExist = new("AUTHORIZATION_NOT_EXIST", "F", "OAUTH does not exist.");

    /// <summary>Every result code, in the order of the seed's two tables.</summary>
    public static IReadOnlyList<Result> All { get; } =
    [
        Success, ParamIllegal, ProcessFail, UnknownException, TrafficExceedLimit, OauthFail, InvalidApi, InvalidClient, InvalidSignature,
        MethodNotSupported, AccessTokenExpired, KeyNotFound, AccessDenied, MediaTypeNotAcceptable, RepeatReqInconsistent,
        UnSupportBusiness, AccountNotExist, AuthorizationNotExist,
    ];

    /// <summary>The result of a code; null for a code of neither table.</summary>
    public static Result? Of(string resultCode) => All.FirstOrDefault(r => r.ResultCode == resultCode);

    /// <summary>A result with the code's status and a more specific message.</summary>
    public static Result With(this Result result, string message) => result with { ResultMessage = message };
}
