using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using PayHub.Audit;
using PayHub.Exchanges;
using PayHub.Hosting;
using PayHub.Protocols.RiskCases;

namespace PayHub.RiskCases;

/// <summary>
/// The front door of <c>/risk</c>: every answer is HTTP 200 JSON. Checks in SPEC order — JSON
/// parsing (10001), accessid (10003), sign and timestamp (10002), rate limit (10005) — then the
/// operation checks its parameters (10001) and scope (10004).
/// </summary>
public sealed class RiskGateway(RiskAgentDirectory agents, IEnumerable<IRiskOperation> operations, Sandbox.SandboxTriggers triggers, TimeProvider clock)
    : IPaymentInterface<RiskExchange, RiskAnswer>
{
    public static readonly TimeSpan TimestampWindow = TimeSpan.FromMinutes(5);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Dictionary<string, IRiskOperation> _operations = operations.ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The exchange of the operation the path ends with (<c>/risk/case/query</c>: <c>query</c>).</summary>
    public RiskExchange Open(ExchangeStart start) =>
        new(start, _operations[start.Http.Request.Path.Value!.TrimEnd('/').Split('/')[^1]]);

    public RiskAnswer Failed(RiskExchange exchange) => RiskAnswer.Refuse(RiskReturnCode.InternalError);

    public AuditEntry AuditOf(RiskExchange exchange, RiskAnswer answer) => exchange.AuditOf(answer);

    /// <summary>What metrics count, read without building the audit row.</summary>
    public ExchangeOutcome OutcomeOf(RiskExchange exchange, RiskAnswer answer) => exchange.Outcome(answer);

    public Telemetry.MetricLabels Labels { get; } = new(["query", "reply"], RiskReturnCode.All.Select(c => c.ToString(CultureInfo.InvariantCulture)));

    public Task SendAsync(RiskExchange exchange, RiskAnswer answer) => WriteAsync(exchange.Http, answer);

    public async Task<RiskAnswer> AnswerAsync(RiskExchange exchange)
    {
        if (await AuthenticateAsync(exchange) is { } refusal)
        {
            return refusal;
        }

        var body = exchange.Body!.Value;
        switch (await triggers.ReadAsync(exchange, exchange.Operation.Name, RiskTriggers.ValueIn(body)))
        {
            case { Kind: Sandbox.TriggerKind.Drop }:
                return Failed(exchange);
            case { Code: { } code }:
                return RiskAnswer.Refuse(int.Parse(code, NumberStyles.None, CultureInfo.InvariantCulture));
        }

        return await exchange.Operation.AnswerAsync(new RiskCall(exchange.Caller!, body, exchange));
    }

    /// <summary>The body parsed and the agent authenticated and within its rate: null, else the refusal.</summary>
    private async Task<RiskAnswer?> AuthenticateAsync(RiskExchange exchange)
    {
        var raw = await exchange.ReadBodyAsync();
        if (raw is null)
        {
            exchange.Refuse("parsing", exchange.BodyDiagnosis);
            return RiskAnswer.Refuse(RiskReturnCode.BadParameter, exchange.BodyProblem);
        }

        var problem = RequestBody.ParseJsonObject(raw, out var parsed, out var where);
        exchange.Body = parsed;
        if (problem is not null)
        {
            exchange.Refuse("parsing", where.Length > 0 ? $"{problem}: {where}" : problem);
            return RiskAnswer.Refuse(RiskReturnCode.BadParameter, problem);
        }

        var body = parsed!.Value;
        var accessId = body.TryGetProperty("accessid", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        var caller = accessId is { Length: > 0 and <= 64 } ? agents.Find(accessId) : null;
        if (caller is null)
        {
            exchange.Refuse("accessid", accessId is null ? "the body has no accessid string" : $"accessid {accessId} is not registered, or its agent is disabled");
            return RiskAnswer.Refuse(RiskReturnCode.UnknownAccessId);
        }

        exchange.Caller = caller;
        if (!RiskSign.Verify(body, caller.Secret))
        {
            exchange.Refuse("sign", SignDiagnosis(exchange, body, caller));
            return RiskAnswer.Refuse(RiskReturnCode.BadSign, "sign missing or wrong");
        }

        if (body.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind != JsonValueKind.Null && !(timestamp.ValueKind == JsonValueKind.String && timestamp.GetString() == ""))
        {
            var text = timestamp.ValueKind == JsonValueKind.String ? timestamp.GetString() : timestamp.GetRawText();
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                || (clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(ms, 0, 253402300799999))).Duration() > TimestampWindow)
            {
                exchange.Refuse("timestamp", $"timestamp {text} is not epoch milliseconds within 5 minutes of PayHub's clock ({clock.GetUtcNow().ToUnixTimeMilliseconds()})");
                return RiskAnswer.Refuse(RiskReturnCode.BadSign, "timestamp more than 5 minutes from now");
            }
        }

        if (exchange.TryAcquireRate(caller.AgentNo, caller.RateLimitPerSecond))
        {
            return null;
        }

        exchange.Refuse("rate-limit", $"agent {caller.AgentNo} is over its limit of {caller.RateLimitPerSecond} requests a second");
        return RiskAnswer.Refuse(RiskReturnCode.RateLimited);
    }

    /// <summary>The exact string PayHub signed, its secret as <c>***</c>; on a sandbox also the MD5 PayHub computed.</summary>
    private static string SignDiagnosis(RiskExchange exchange, JsonElement body, RiskAgent caller)
    {
        var shape = !body.TryGetProperty("sign", out var sign) || sign.ValueKind != JsonValueKind.String ? "the body has no sign string"
            : sign.GetString()!.Length != 32 ? $"sign is {sign.GetString()!.Length} characters, not 32 hex digits"
            : "sign is not the MD5 PayHub computed";
        var text = RiskSign.StringToSign(body, "***");
        var computed = exchange.ShowsDigests ? $" On this sandbox PayHub computed {RiskSign.Sign(body, caller.Secret)}." : "";
        return $"{shape}. PayHub signed (MD5 of the UTF-8 bytes, upper-case hex; sign and empty values left out, keys in byte order) "
            + $"this string, with accessid {caller.AccessId}'s secret as ***, between the markers: >>>{text}<<<.{computed}";
    }

    /// <summary>The answer's body as sent.</summary>
    public static ArrayBufferWriter<byte> Body(RiskAnswer answer)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(answer.SizeHint, 1024));
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        json.WriteStartObject();
        json.WriteNumber("return_code", answer.ReturnCode);
        json.WriteString("return_msg", answer.ReturnMessage);
        if (answer.Data is { } data)
        {
            json.WriteStartObject("data");
            data(json);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.Flush();
        return buffer;
    }

    private static async Task WriteAsync(HttpContext http, RiskAnswer answer)
    {
        var buffer = Body(answer);

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = buffer.WrittenCount;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted);
    }
}
