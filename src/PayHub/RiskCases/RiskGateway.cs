using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PayHub.Audit;
using PayHub.Hosting;
using PayHub.Protocols.RiskCases;
using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>
/// The front door of <c>/risk</c>: every answer is HTTP 200 JSON. Checks in SPEC order — JSON
/// parsing (10001), accessid (10003), sign and timestamp (10002), rate limit (10005) — then the
/// operation checks its parameters (10001) and scope (10004).
/// </summary>
public sealed partial class RiskGateway(
    RiskAgentDirectory agents,
    CallerRateLimits rateLimits,
    AuditRecorder audit,
    IOptions<PayHubOptions> options,
    TimeProvider clock,
    ILogger<RiskGateway> logger)
{
    public static readonly TimeSpan TimestampWindow = TimeSpan.FromMinutes(5);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task HandleAsync(HttpContext http, string operation, Func<RiskAgent, JsonElement, Task<RiskAnswer>> answerAsync)
    {
        var started = clock.GetTimestamp();
        JsonElement? body = null;
        RiskAgent? caller = null;
        RiskAnswer answer;
        try
        {
            (answer, body, caller) = await AuthenticateAsync(http);
            if (answer.ReturnCode == RiskReturnCode.Success)
            {
                answer = await answerAsync(caller!, body!.Value);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            LogFailure(logger, e, http.TraceIdentifier);
            answer = RiskAnswer.Refuse(RiskReturnCode.InternalError);
        }

        await WriteAsync(http, answer);
        await audit.RecordAsync(new AuditEntry(
            "risk",
            operation,
            caller?.AgentNo ?? "-",
            body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("caseNo", out var caseNo) && caseNo.ValueKind == JsonValueKind.String ? caseNo.GetString()! : "",
            answer.ReturnCode.ToString(CultureInfo.InvariantCulture),
            (long)clock.GetElapsedTime(started).TotalMilliseconds,
            http.TraceIdentifier,
            body is { ValueKind: JsonValueKind.Object } o ? AuditRecorder.MaskedJson(Flat(o), Classify) : "{}",
            "{}"));
    }

    private async Task<(RiskAnswer, JsonElement?, RiskAgent?)> AuthenticateAsync(HttpContext http)
    {
        var raw = await RequestBody.ReadAsync(http.Request, options.Value.MaxBodyBytes, http.RequestAborted);
        if (raw is null)
        {
            return (RiskAnswer.Refuse(RiskReturnCode.BadParameter, $"body larger than {options.Value.MaxBodyBytes} bytes"), null, null);
        }

        if (RequestBody.ParseJsonObject(raw, out var parsed) is { } problem)
        {
            return (RiskAnswer.Refuse(RiskReturnCode.BadParameter, problem), parsed, null);
        }

        var body = parsed!.Value;

        var accessId = body.TryGetProperty("accessid", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        var caller = accessId is { Length: > 0 and <= 64 } ? agents.Find(accessId) : null;
        if (caller is null)
        {
            return (RiskAnswer.Refuse(RiskReturnCode.UnknownAccessId), body, null);
        }

        if (!RiskSign.Verify(body, caller.Secret))
        {
            return (RiskAnswer.Refuse(RiskReturnCode.BadSign, "sign missing or wrong"), body, caller);
        }

        if (body.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind != JsonValueKind.Null && !(timestamp.ValueKind == JsonValueKind.String && timestamp.GetString() == ""))
        {
            var text = timestamp.ValueKind == JsonValueKind.String ? timestamp.GetString() : timestamp.GetRawText();
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                || (clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(ms, 0, 253402300799999))).Duration() > TimestampWindow)
            {
                return (RiskAnswer.Refuse(RiskReturnCode.BadSign, "timestamp more than 5 minutes from now"), body, caller);
            }
        }

        if (!rateLimits.TryAcquire("risk", caller.AgentNo, caller.RateLimitPerSecond))
        {
            return (RiskAnswer.Refuse(RiskReturnCode.RateLimited), body, caller);
        }

        return (new RiskAnswer(RiskReturnCode.Success, ""), body, caller);
    }

    private static async Task WriteAsync(HttpContext http, RiskAnswer answer)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
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
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = buffer.WrittenCount;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted);
    }

    private static List<KeyValuePair<string, string>> Flat(JsonElement body) =>
        body.EnumerateObject().Where(p => p.Name != "sign")
            .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))
            .ToList();

    private static PersonalData Classify(string field) => field switch
    {
        "legalPhone" => PersonalData.Phone,
        "legalPerson" => PersonalData.Name,
        "cardNo" => PersonalData.Number,
        _ => PersonalData.None,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Risk case request {RequestId} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string requestId);
}
