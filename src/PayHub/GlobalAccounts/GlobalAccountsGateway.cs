using System.Text.Json;
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

    /// <summary>What metrics count, read without building the audit row: the path's last segment when it is an operation's, the result.</summary>
    public ExchangeOutcome OutcomeOf(GlobalExchange exchange, GlobalAnswer answer)
    {
        var path = exchange.Http.Request.Path.Value ?? "";
        var segment = path.AsSpan(path.LastIndexOf('/') + 1);
        var operation = segment switch
        {
            "inquiryAccount" => "inquiryAccount",
            "inquiryBalance" => "inquiryBalance",
            "applyToken" => "applyToken",
            _ => Telemetry.MetricLabels.Other,
        };
        return new(operation, answer.Result.ResultCode, answer.Result.ResultStatus != "S", GlobalExchange.CheckOf(answer));
    }

    public Telemetry.MetricLabels Labels { get; } = new(["inquiryAccount", "inquiryBalance", "applyToken"], ResultCode.All.Select(r => r.ResultCode));

    public Task SendAsync(GlobalExchange exchange, GlobalAnswer answer) =>
        signedAnswer.WriteAsync(exchange.Http, answer, exchange.ClientId, exchange.RequestUri, exchange.Fault == AnswerFault.BadSignature);

    public async Task<GlobalAnswer> AnswerAsync(GlobalExchange exchange)
    {
        var request = exchange.Http.Request;
        if (!_operations.TryGetValue(request.Path.Value ?? "", out var operation))
        {
            exchange.Refuse("path", $"{request.Path} is not an operation of this API: {string.Join(", ", _operations.Keys.Where(p => p.StartsWith("/amsin/", StringComparison.Ordinal)))} (also under /ams/api/v1 and /ams/sandbox/api/v1)");
            return GlobalAnswer.Refuse(ResultCode.InvalidApi);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            exchange.Refuse("method", $"the method is {request.Method}; every operation is POST");
            return GlobalAnswer.Refuse(ResultCode.MethodNotSupported);
        }

        if (!IsJson(request.Headers.ContentType))
        {
            exchange.Refuse("media-type", $"Content-Type is '{string.Join("', '", request.Headers.ContentType.ToArray())}': each must be application/json with charset UTF-8 or none");
            return GlobalAnswer.Refuse(ResultCode.MediaTypeNotAcceptable.With("Content-Type must be application/json; charset=UTF-8"));
        }

        var clientId = exchange.ClientId;
        var client = clientId.Length is > 0 and <= 64 ? integrators.Find(clientId) : null;
        if (client is null)
        {
            exchange.Refuse("client", clientId.Length == 0 ? "the request has no Client-Id header" : $"Client-Id '{clientId}' is not a registered integrator");
            return GlobalAnswer.Refuse(ResultCode.InvalidClient);
        }

        var signature = SignatureHeader.Parse(request.Headers["Signature"].ToString());
        if (client.Keys.Count == 0 || (signature is not null && !client.Keys.ContainsKey(signature.KeyVersion)))
        {
            exchange.Refuse("key", $"integrator {client.ClientId} has public keys of keyVersion {(client.Keys.Count == 0 ? "none" : string.Join(", ", client.Keys.Keys))}; the Signature header names keyVersion {signature?.KeyVersion}");
            return GlobalAnswer.Refuse(ResultCode.KeyNotFound.With($"no public key of keyVersion {signature?.KeyVersion} for this client"));
        }

        if (signature is null)
        {
            exchange.Refuse("signature", "the Signature header is missing, or not algorithm=RSA256,keyVersion=N,signature=S");
            return GlobalAnswer.Refuse(ResultCode.InvalidSignature.With("Signature header missing or not algorithm=RSA256,keyVersion=N,signature=S"));
        }

        var raw = await exchange.ReadBodyAsync();
        if (raw is null)
        {
            exchange.Refuse("parameters", exchange.BodyDiagnosis);
            return GlobalAnswer.Refuse(ResultCode.ParamIllegal.With(exchange.BodyProblem));
        }

        var requestTime = request.Headers["Request-Time"].ToString();
        var problem = RequestBody.ParseJsonObject(raw, out var body, out var where);
        if (!RequestTime.TryParse(requestTime, out var instant) || (clock.GetUtcNow() - instant).Duration() > TimeWindow)
        {
            exchange.Refuse("request-time", RequestTime.TryParse(requestTime, out instant)
                ? $"Request-Time {requestTime} is {(clock.GetUtcNow() - instant).Duration().TotalMinutes:0.#} minutes from PayHub's clock ({RequestTime.Format(clock.GetUtcNow())}); at most 10 are accepted"
                : $"Request-Time '{requestTime}' is neither epoch milliseconds nor ISO 8601 with an offset");
            return GlobalAnswer.Refuse(ResultCode.InvalidSignature.With("Request-Time missing, unreadable or more than 10 minutes from now"));
        }

        var content = Rsa256Signature.Content("POST", exchange.RequestUri, clientId, requestTime, raw);
        if (!client.Keys[signature.KeyVersion].Use(key => Rsa256Signature.Verify(key, content, signature.Signature)))
        {
            exchange.Refuse("signature", SignatureDiagnosis(exchange, client.ClientId, signature.KeyVersion, content));
            return GlobalAnswer.Refuse(ResultCode.InvalidSignature);
        }

        if (!exchange.TryAcquireRate(client.ClientId, client.RateLimitPerSecond))
        {
            exchange.Refuse("rate-limit", $"integrator {client.ClientId} is over its limit of {client.RateLimitPerSecond} requests a second");
            return GlobalAnswer.Refuse(ResultCode.TrafficExceedLimit);
        }

        exchange.Body = body;
        if (problem is not null)
        {
            exchange.Refuse("parameters", where.Length > 0 ? $"{problem}: {where}" : problem);
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
    /// The exact text PayHub verified the signature over, credential values in it as <c>***</c>, and the key; on a
    /// sandbox also the SHA-256 of the bytes verified.
    /// </summary>
    private static string SignatureDiagnosis(GlobalExchange exchange, string clientId, int keyVersion, byte[] content)
    {
        var text = System.Text.Encoding.UTF8.GetString(exchange.CredentialFields.Scrub(content));
        var digest = exchange.ShowsDigests ? $" On this sandbox: the SHA-256 of those bytes is {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))}." : "";
        return $"the signature does not verify with integrator {clientId}'s public key of keyVersion {keyVersion} (SHA256withRSA, then URL-encoded base64). "
            + $"PayHub verified over these {content.Length} bytes (UTF-8), between the markers: >>>{text}<<<.{digest}";
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
