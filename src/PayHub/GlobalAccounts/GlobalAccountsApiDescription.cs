using Microsoft.OpenApi;
using PayHub.Hosting;
using PayHub.Protocols.GlobalAccounts;
using static PayHub.Hosting.ApiSchemas;

namespace PayHub.GlobalAccounts;

/// <summary>
/// The global account document, declared by hand: one catch-all route answers every path under <c>/amsin</c> and
/// <c>/ams</c> (so that an unknown path still gets a signed INVALID_API), and the generator cannot see the operations behind it.
/// </summary>
public sealed class GlobalAccountsApiDescription : IApiDescription
{
    public const string Document = "global";
    public const string Title = "PayHub global account API";

    public const string Summary =
        "WorldFirst-compatible account API: integrators' existing clients (alipay/global-open-sdk) work with only their gateway URL changed. " +
        "Every operation answers under `/amsin/api/v1`, `/ams/api/v1` and `/ams/sandbox/api/v1` alike (the paths below show the first).\n\n" +
        "**Signatures, both ways.** Request header `Signature: algorithm=RSA256,keyVersion=N,signature=S`, S the URL-encoded base64 of " +
        "SHA256withRSA (RSA-2048, PKCS#1 v1.5) over the UTF-8 bytes of `POST <path and query>\\n<Client-Id>.<Request-Time>.<raw body>` with " +
        "the client's private key. Every answer is HTTP 200 with a `result`, and carries `client-id`, `response-time` and `signature` " +
        "(the same form, keyVersion 1) over `POST <path>\\n<client-id>.<response-time>.<body>` with the server's key " +
        "(`GET /admin/global-accounts/server-key`). Verify against the raw bytes, never re-serialised JSON.\n\n" + ResultCodes;

    private const string ResultCodes =
        "`result.resultStatus` is `S` (success), `F` (failed: do not retry as is) or `U` (unknown: retry). Checks in this order: " +
        "unknown path `INVALID_API`; not POST `METHOD_NOT_SUPPORTED`; Content-Type not JSON `MEDIA_TYPE_NOT_ACCEPTABLE`; unknown Client-Id " +
        "`INVALID_CLIENT`; no key of that keyVersion `KEY_NOT_FOUND`; bad or stale signature `INVALID_SIGNATURE`; over the rate " +
        "`REQUEST_TRAFFIC_EXCEED_LIMIT`; body not JSON, or a field missing or malformed `PARAM_ILLEGAL`; accountType not enabled " +
        "`UN_SUPPORT_BUSINESS`; unknown, revoked or used authCode/refreshToken `OAUTH_FAIL`; unknown or revoked accessToken " +
        "`AUTHORIZATION_NOT_EXIST`; expired accessToken `ACCESS_TOKEN_EXPIRED`; no such customer `ACCOUNT_NOT_EXIST`; customer not " +
        "authorised to this client `ACCESS_DENIED`; customer closed or frozen `PROCESS_FAIL`; anything unexpected `UNKNOWN_EXCEPTION`.";

    private const string Tag = "Global account API";
    private static readonly string Prefix = GlobalPaths.Prefixes[0];

    private const string InquiryAccountAnswer =
        "{\"accountInfos\":[{\"accountNo\":\"7001000000000001\",\"accountStatus\":\"ACTIVE\",\"accountType\":\"RECEIVE_ACCOUNT\",\"currencyList\":[\"EUR\"]}," +
        "{\"accountNo\":\"7001000000000002\",\"accountStatus\":\"ACTIVE\",\"accountType\":\"RECEIVE_ACCOUNT\",\"currencyList\":[\"JPY\"]}," +
        "{\"accountNo\":\"7001000000000003\",\"accountStatus\":\"ACTIVE\",\"accountType\":\"RECEIVE_ACCOUNT\",\"currencyList\":[\"USD\"]}]," +
        "\"customer\":{\"certificateList\":[{\"certificateNo\":\"91310000MA1FL8TQ2X\",\"certificateType\":\"ENTERPRISE_REGISTRATION\"}]," +
        "\"customerCompanyName\":\"QWER Trading Co., Ltd.\",\"customerId\":\"2188120000000001\"},\"customerId\":\"2188120000000001\"," +
        "\"responseId\":\"266674c24f294e5f8fbd45521ea2016c\",\"result\":{\"resultCode\":\"SUCCESS\",\"resultMessage\":\"success.\",\"resultStatus\":\"S\"}}";

    private const string FailedAnswer =
        "{\"result\":{\"resultCode\":\"INVALID_SIGNATURE\",\"resultMessage\":\"The signature is invalid.\",\"resultStatus\":\"F\"}}";

    public void Complete(OpenApiDocument document, IServiceProvider services)
    {
        document.Tags = new HashSet<OpenApiTag> { new() { Name = Tag, Description = "The three operations, RSA256-signed both ways" } };
        var result = Shared(document, "Result", Object(
            "The outcome of every answer",
            ["resultCode", "resultStatus", "resultMessage"],
            ("resultCode", Choice("The seed's result codes", [.. ResultCode.All.Select(r => r.ResultCode)])),
            ("resultStatus", Choice("S success, F failed, U unknown (retry)", "S", "F", "U")),
            ("resultMessage", Text("What happened"))));
        var failed = Shared(document, "FailedAnswer", Object("Any answer whose resultStatus is F or U: only the result", ["result"], ("result", result)));

        Add(document, "/business/account/inquiryAccount", "inquiryAccount", "An integrator's customer's accounts (the seed)",
            "The customer is named by one identifier, which one depending on accountType.",
            Shared(document, "InquiryAccountRequest", Object(
                "Which accounts of which customer; each identifier at most 64 characters",
                ["accountType"],
                ("accountType", Choice("RECEIVE_ACCOUNT and ALIPAY_WALLET need referenceCustomerId, VIRTUAL_ACCOUNT accessToken, ALIPAY_SHADOW_WALLET customerId", "RECEIVE_ACCOUNT", "ALIPAY_WALLET", "VIRTUAL_ACCOUNT", "ALIPAY_SHADOW_WALLET")),
                ("referenceCustomerId", Text("The integrator's own id of its user (scoped to its Client-Id)", maxLength: 64)),
                ("accessToken", Text("An access token from applyToken", maxLength: 64)),
                ("customerId", Text("The customer's id", maxLength: 64)))),
            ("RECEIVE_ACCOUNT", "The demo customer's receiving accounts (examples/global-accounts/inquiry-account.json)", Example("global-accounts/inquiry-account.json")),
            Shared(document, "InquiryAccountAnswer", Object(
                "When resultStatus is S",
                ["result", "responseId", "customerId", "accountInfos", "customer"],
                ("result", result),
                ("responseId", Text("Unique, at most 32 characters", maxLength: 32)),
                ("customerId", Text("The customer")),
                ("accountInfos", List("The accounts", Object(
                    "One account", ["accountNo", "accountStatus", "accountType", "currencyList"],
                    ("accountNo", Text("The account number")),
                    ("accountStatus", Choice("State", "ACTIVE", "ABNORMAL")),
                    ("accountType", Text("The requested accountType")),
                    ("currencyList", List("ISO 4217 codes", Text("A currency")))))),
                ("customer", Object(
                    "The customer", ["customerId", "customerCompanyName", "certificateList"],
                    ("customerCompanyName", Text("Company name")),
                    ("customerId", Text("The customer's id")),
                    ("certificateList", List("Certificates", Object(
                        "One certificate", ["certificateNo", "certificateType"],
                        ("certificateNo", Text("Its number")),
                        ("certificateType", Text("e.g. ENTERPRISE_REGISTRATION"))))))))),
            InquiryAccountAnswer,
            failed,
            []);

        var amount = Object("An amount", ["currency", "value"], ("currency", Text("ISO 4217")), ("value", Text("Minor units as a string: USD 98765.43 is \"9876543\"")));
        Add(document, "/business/account/inquiryBalance", "inquiryBalance", "A customer's balances, per account and currency",
            "The customer is named by a header, not the body: `Connected-CustomerId` (a partner managing that customer) or `Access-Token`.",
            Shared(document, "InquiryBalanceRequest", Object(
                "Which balances",
                [],
                ("currencyList", List("ISO 4217 codes; none: every currency", Text("A currency"))),
                ("balanceTypes", List("Default NORMAL_BALANCE", Choice("A balance type", "NORMAL_BALANCE", "SAME_NAME_TOP_UP_BALANCE"))),
                ("referenceCustomerId", Text("Accepted as an extension: the integrator's own id of the customer")))),
            ("USD", "USD normal balances (examples/global-accounts/inquiry-balance.json), with Connected-CustomerId: 2188120000000001", Example("global-accounts/inquiry-balance.json")),
            Shared(document, "InquiryBalanceAnswer", Object(
                "When resultStatus is S",
                ["result", "responseId", "customerId", "accountBalances"],
                ("result", result),
                ("responseId", Text("Unique")),
                ("customerId", Text("The customer")),
                ("accountBalances", List("One line per account and currency, of the account types this client is enabled for", Object(
                    "One balance", ["accountNo", "accountType", "balanceType", "currency", "availableBalance", "frozenBalance", "totalBalance"],
                    ("accountNo", Text("The account")),
                    ("accountType", Text("Its type")),
                    ("balanceType", Text("NORMAL_BALANCE or SAME_NAME_TOP_UP_BALANCE")),
                    ("currency", Text("ISO 4217")),
                    ("availableBalance", amount),
                    ("frozenBalance", amount),
                    ("totalBalance", amount)))))),
            null,
            failed,
            [
                Header("Connected-CustomerId", "The customer, for a partner managing its account"),
                Header("Access-Token", "An access token from applyToken, naming the customer who granted it"),
            ]);

        var tokenRequest = Shared(document, "ApplyTokenRequest", Object(
            "An authorization code (one use, 10 minutes; issued through the admin API) or a refresh token",
            ["grantType"],
            ("grantType", Choice("Which grant", "AUTHORIZATION_CODE", "REFRESH_TOKEN")),
            ("authCode", Text("With AUTHORIZATION_CODE")),
            ("refreshToken", Text("With REFRESH_TOKEN"))));
        var tokenAnswer = Shared(document, "ApplyTokenAnswer", Object(
            "When resultStatus is S: the names the official clients read; times ISO 8601 with +08:00",
            ["result", "accessToken", "accessTokenExpiryTime", "refreshToken", "refreshTokenExpiryTime", "customerId"],
            ("result", result),
            ("accessToken", Text("30 days")),
            ("accessTokenExpiryTime", Text("ISO 8601")),
            ("refreshToken", Text("Gets a new access token")),
            ("refreshTokenExpiryTime", Text("ISO 8601")),
            ("customerId", Text("The customer who granted it"))));
        var grant = ("AUTHORIZATION_CODE", "Exchange an authorization code (examples/global-accounts/apply-token.json, AUTH_CODE replaced by one the admin API issued)", Example("global-accounts/apply-token.json"));
        Add(document, "/authorizations/applyToken", "applyToken", "OAuth tokens from an authorization code or a refresh token",
            "The path the official clients call.", tokenRequest, grant, tokenAnswer, null, failed, []);
        Add(document, "/oauth/applyToken", "applyTokenAlias", "applyToken under its older path", "The same operation as /authorizations/applyToken.",
            tokenRequest, grant, tokenAnswer, null, failed, []).Deprecated = true;
    }

    private static OpenApiOperation Add(
        OpenApiDocument document,
        string path,
        string operationId,
        string summary,
        string description,
        IOpenApiSchema request,
        (string Name, string Summary, string Text) example,
        IOpenApiSchema answer,
        string? answerExample,
        IOpenApiSchema failed,
        IOpenApiParameter[] moreHeaders)
    {
        var operation = new OpenApiOperation
        {
            OperationId = operationId,
            Summary = summary,
            Description = description + " Also under /ams/api/v1 and /ams/sandbox/api/v1.",
            Tags = new HashSet<OpenApiTagReference> { new(Tag, document) },
            Parameters =
            [
                Header("Client-Id", "The integrator's client id (demo: `DEMO_CLIENT_001`)", required: true),
                Header("Request-Time", "When the request was signed: ISO 8601 with an offset, or epoch milliseconds; refused more than 10 minutes from now", required: true),
                Header("Signature", "`algorithm=RSA256,keyVersion=N,signature=S` (see the document's description)", required: true),
                .. moreHeaders,
            ],
            RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = Body(request, example) },
            },
            Responses = new OpenApiResponses
            {
                ["200"] = Answer(
                    "Every answer, whatever its result, signed",
                    new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                    {
                        ["application/json"] = answerExample is null
                            ? Body(new OpenApiSchema { OneOf = [answer, failed] }, ("Refused", "A refusal", FailedAnswer))
                            : Body(new OpenApiSchema { OneOf = [answer, failed] }, ("Success", "The demo customer", answerExample), ("Refused", "A refusal", FailedAnswer)),
                    },
                    new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
                    {
                        ["client-id"] = AnswerHeader("The caller's Client-Id"),
                        ["response-time"] = AnswerHeader("ISO 8601, +08:00"),
                        ["signature"] = AnswerHeader("algorithm=RSA256,keyVersion=1,signature=<urlencoded>, with the server's key"),
                        ["X-Request-Id"] = AnswerHeader("The caller's request id, or a new one"),
                    }),
            },
        };
        document.Paths.Add(Prefix + path, new OpenApiPathItem { Operations = new() { [HttpMethod.Post] = operation } });
        return operation;
    }
}
