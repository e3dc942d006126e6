using System.Net.Http.Headers;
using PayHub.Audit;
using PayHub.Exchanges;
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
public sealed class GlobalAccountsGateway(
    IEnumerable<IGlobalOperation> operations,
    IntegratorDirectory integrators,
    SignedAnswer signedAnswer,
    Sandbox.SandboxTriggers triggers,
    TimeProvider clock) : IPaymentInterface<GlobalExchange, GlobalAnswer>
{
    public static readonly TimeSpan TimeWindow = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, IGlobalOperation> _operations = GlobalPaths.Index(operations);

    public GlobalExchange Open(ExchangeStart start) => new(start);

    public GlobalAnswer Failed(GlobalExchange exchange) => GlobalAnswer.Refuse(ResultCode.UnknownException);

    public AuditEntry AuditOf(GlobalExchange exchange, GlobalAnswer answer) => exchange.AuditOf(answer);

    public Task SendAsync(GlobalExchange exchange, GlobalAnswer answer) =>
        signedAnswer.WriteAsync(exchange.Http, answer, exchange.ClientId, exchange.RequestUri, exchange.Fault == AnswerFault.BadSignature);

    public async Task<GlobalAnswer> AnswerAsync(GlobalExchange exchange)
    {
        var request = exchange.Http.Request;
        if (!_operations.TryGetValue(request.Path.Value ?? "", out var operation))
        {
            return GlobalAnswer.Refuse(ResultCode.InvalidApi);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return GlobalAnswer.Refuse(ResultCode.MethodNotSupported);
        }

        if (!IsJson(request.Headers.ContentType))
        {
            return GlobalAnswer.Refuse(ResultCode.MediaTypeNotAcceptable.With("Content-Type must be application/json; charset=UTF-8"));
        }

        var clientId = exchange.ClientId;
        var client = clientId.Length is > 0 and <= 64 ? integrators.Find(clientId) : null;
        if (client is null)
        {
            return GlobalAnswer.Refuse(ResultCode.InvalidClient);
        }

        var signature = SignatureHeader.Parse(request.Headers["Signature"].ToString());
        if (client.Keys.Count == 0 || (signature is not null && !client.Keys.ContainsKey(signature.KeyVersion)))
        {
            return GlobalAnswer.Refuse(ResultCode.KeyNotFound.With($"no public key of keyVersion {signature?.KeyVersion} for this client"));
        }

        if (signature is null)
        {
            return GlobalAnswer.Refuse(ResultCode.InvalidSignature.With("Signature header missing or not algorithm=RSA256,keyVersion=N,signature=S"));
        }

        var raw = await exchange.ReadBodyAsync();
        if (raw is null)
        {
            return GlobalAnswer.Refuse(ResultCode.ParamIllegal.With($"body larger than {exchange.MaxBodyBytes} bytes"));
        }

        var requestTime = request.Headers["Request-Time"].ToString();
        if (!RequestTime.TryParse(requestTime, out var instant) || (clock.GetUtcNow() - instant).Duration() > TimeWindow)
        {
            return GlobalAnswer.Refuse(ResultCode.InvalidSignature.With("Request-Time missing, unreadable or more than 10 minutes from now"));
        }

        var content = Rsa256Signature.Content("POST", exchange.RequestUri, clientId, requestTime, raw);
        if (!client.Keys[signature.KeyVersion].Use(key => Rsa256Signature.Verify(key, content, signature.Signature)))
        {
            return GlobalAnswer.Refuse(ResultCode.InvalidSignature);
        }

        if (!exchange.TryAcquireRate(client.ClientId, client.RateLimitPerSecond))
        {
            return GlobalAnswer.Refuse(ResultCode.TrafficExceedLimit);
        }

        var problem = RequestBody.ParseJsonObject(raw, out var body);
        exchange.Body = body;
        if (problem is not null)
        {
            return GlobalAnswer.Refuse(ResultCode.ParamIllegal.With(problem));
        }

        switch (await triggers.ReadAsync(exchange, operation.Paths[0].Split('/')[^1], GlobalTriggers.ValueIn(body!.Value, request.Headers)))
        {
            case { Kind: Sandbox.TriggerKind.Drop }:
                return Failed(exchange);
            case { Code: { } code }:
                return GlobalAnswer.Refuse(ResultCode.Of(code)!);
        }

        var answer = await operation.AnswerAsync(new GlobalCall(client, body.Value, request.Headers, exchange));
        if (answer.Result.ResultStatus == "S")
        {
            exchange.MadeEffect();
        }

        return answer;
    }

    /// <summary>
    /// <c>application/json</c> with charset UTF-8 or none. The Go client sends <c>Content-Type</c> twice
    /// (<c>application/json</c>, then <c>application/json; charset=UTF-8</c>): each line must say JSON.
    /// </summary>
    private static bool IsJson(Microsoft.Extensions.Primitives.StringValues contentTypes) =>
        contentTypes.Count > 0 && contentTypes.All(value =>
            MediaTypeHeaderValue.TryParse(value, out var media) && string.Equals(media.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            && (media.CharSet is not { } charset || charset.Trim('"').Equals("UTF-8", StringComparison.OrdinalIgnoreCase)));
}
