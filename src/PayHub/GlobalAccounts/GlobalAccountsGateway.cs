using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PayHub.Audit;
using PayHub.Hosting;
using PayHub.Protocols.GlobalAccounts;

namespace PayHub.GlobalAccounts;

/// <summary>
/// The front door of <c>/amsin</c> and <c>/ams</c> (<see cref="GlobalPaths"/>): every request under them, whatever its path or method, is answered
/// here with HTTP 200, a JSON body with <c>result</c>, and the lower-case <c>client-id</c>,
/// <c>response-time</c> and <c>signature</c> headers signed with the server's key. Checks in SPEC
/// order: path (INVALID_API), method, media type, Client-Id, key version, signature and
/// Request-Time, rate limit, then the body and the operation's own checks.
/// </summary>
public sealed partial class GlobalAccountsGateway(
    IEnumerable<IGlobalOperation> operations,
    IntegratorDirectory integrators,
    SignedAnswer signedAnswer,
    CallerRateLimits rateLimits,
    AuditRecorder audit,
    IOptions<PayHubOptions> options,
    TimeProvider clock,
    ILogger<GlobalAccountsGateway> logger)
{
    public static readonly TimeSpan TimeWindow = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, IGlobalOperation> _operations = GlobalPaths.Index(operations);

    public async Task HandleAsync(HttpContext http)
    {
        var started = clock.GetTimestamp();
        var clientId = http.Request.Headers["Client-Id"].ToString();
        var requestUri = SignedAnswer.RequestUriOf(http);
        JsonElement? body = null;
        GlobalAnswer answer;
        try
        {
            (answer, body) = await AnswerAsync(http, clientId, requestUri);
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            LogFailure(logger, e, http.TraceIdentifier);
            answer = GlobalAnswer.Refuse(ResultCode.UnknownException);
        }

        await signedAnswer.WriteAsync(http, answer, clientId, requestUri);
        await audit.RecordAsync(new AuditEntry(
            "global",
            http.Request.Path.Value?.Split('/').LastOrDefault() ?? "-",
            clientId.Length is > 0 and <= 64 ? clientId : "-",
            "",
            answer.Result.ResultCode,
            (long)clock.GetElapsedTime(started).TotalMilliseconds,
            http.TraceIdentifier,
            body is { ValueKind: JsonValueKind.Object } b ? AuditRecorder.MaskedJson(TopLevelStrings(b), Classify) : "{}",
            $$"""{"resultCode":"{{answer.Result.ResultCode}}","resultStatus":"{{answer.Result.ResultStatus}}"}"""));
    }

    private async Task<(GlobalAnswer, JsonElement?)> AnswerAsync(HttpContext http, string clientId, string requestUri)
    {
        if (!_operations.TryGetValue(http.Request.Path.Value ?? "", out var operation))
        {
            return (GlobalAnswer.Refuse(ResultCode.InvalidApi), null);
        }

        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return (GlobalAnswer.Refuse(ResultCode.MethodNotSupported), null);
        }

        if (!IsJson(http.Request.Headers.ContentType))
        {
            return (GlobalAnswer.Refuse(ResultCode.MediaTypeNotAcceptable.With("Content-Type must be application/json; charset=UTF-8")), null);
        }

        var client = clientId.Length is > 0 and <= 64 ? integrators.Find(clientId) : null;
        if (client is null)
        {
            return (GlobalAnswer.Refuse(ResultCode.InvalidClient), null);
        }

        var signature = SignatureHeader.Parse(http.Request.Headers["Signature"].ToString());
        if (client.Keys.Count == 0 || (signature is not null && !client.Keys.ContainsKey(signature.KeyVersion)))
        {
            return (GlobalAnswer.Refuse(ResultCode.KeyNotFound.With($"no public key of keyVersion {signature?.KeyVersion} for this client")), null);
        }

        if (signature is null)
        {
            return (GlobalAnswer.Refuse(ResultCode.InvalidSignature.With("Signature header missing or not algorithm=RSA256,keyVersion=N,signature=S")), null);
        }

        var raw = await RequestBody.ReadAsync(http.Request, options.Value.MaxBodyBytes, http.RequestAborted);
        if (raw is null)
        {
            return (GlobalAnswer.Refuse(ResultCode.ParamIllegal.With($"body larger than {options.Value.MaxBodyBytes} bytes")), null);
        }

        var requestTime = http.Request.Headers["Request-Time"].ToString();
        if (!RequestTime.TryParse(requestTime, out var instant) || (clock.GetUtcNow() - instant).Duration() > TimeWindow)
        {
            return (GlobalAnswer.Refuse(ResultCode.InvalidSignature.With("Request-Time missing, unreadable or more than 10 minutes from now")), null);
        }

        var content = Rsa256Signature.Content("POST", requestUri, clientId, requestTime, raw);
        if (!client.Keys[signature.KeyVersion].Use(key => Rsa256Signature.Verify(key, content, signature.Signature)))
        {
            return (GlobalAnswer.Refuse(ResultCode.InvalidSignature), null);
        }

        if (!rateLimits.TryAcquire("global", client.ClientId, client.RateLimitPerSecond))
        {
            return (GlobalAnswer.Refuse(ResultCode.TrafficExceedLimit), null);
        }

        if (RequestBody.ParseJsonObject(raw, out var body) is { } problem)
        {
            return (GlobalAnswer.Refuse(ResultCode.ParamIllegal.With(problem)), body);
        }

        return (await operation.AnswerAsync(new GlobalCall(client, body!.Value, http.Request.Headers)), body);
    }

    /// <summary>
    /// <c>application/json</c> with charset UTF-8 or none. The Go client sends <c>Content-Type</c> twice
    /// (<c>application/json</c>, then <c>application/json; charset=UTF-8</c>): each line must say JSON.
    /// </summary>
    private static bool IsJson(Microsoft.Extensions.Primitives.StringValues contentTypes) =>
        contentTypes.Count > 0 && contentTypes.All(value =>
            MediaTypeHeaderValue.TryParse(value, out var media) && string.Equals(media.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            && (media.CharSet is not { } charset || charset.Trim('"').Equals("UTF-8", StringComparison.OrdinalIgnoreCase)));

    private static List<KeyValuePair<string, string>> TopLevelStrings(JsonElement body) =>
        body.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToList();

    private static PersonalData Classify(string field) => field switch
    {
        "accessToken" or "refreshToken" or "authCode" => PersonalData.Secret,
        "accountNo" or "certificateNo" => PersonalData.Number,
        _ => PersonalData.None,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Global account API request {RequestId} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string requestId);
}
