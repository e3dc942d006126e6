using Microsoft.Extensions.Options;
using PayHub.Agreements.Channels;
using PayHub.Audit;
using PayHub.Hosting;
using PayHub.Protocols.Agreements;

namespace PayHub.Agreements;

/// <summary>
/// The gateway's front door, <c>POST /dsp</c>. Checks run in SPEC order — caller signature (EC906),
/// rate limit (EC907), parsing and fields (EC901), BankCode and CommandCode (EC903) — then
/// <see cref="AgreementFlow"/> takes over at the ReqSeqID. Every answer, refusals included, is
/// HTTP 200 with the ATSYH response envelope, echoing what could be read of the request.
/// </summary>
public sealed partial class DspGateway(
    FrontEndDirectory frontEnds,
    ChannelDirectory channels,
    CallerRateLimits rateLimits,
    AgreementFlow flow,
    AuditRecorder audit,
    IOptions<PayHubOptions> options,
    TimeProvider clock,
    ILogger<DspGateway> logger)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var exchange = new DspExchange(http.TraceIdentifier, clock.GetTimestamp(), clock);
        var read = (Encoding: (System.Text.Encoding)Protocols.Xml.XmlCharsets.Utf8, Declared: (string?)null);
        DspAnswer answer;
        try
        {
            (answer, read) = await AnswerAsync(http, exchange);
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            LogFailure(logger, e, exchange.RequestId);
            answer = DspAnswer.Refuse(UnifiedCode.Unavailable, "gateway error; safe to retry (request " + exchange.RequestId + ")");
            exchange.Audited = false;
        }

        if (!exchange.Audited)
        {
            await audit.RecordAsync(exchange.AuditOf(answer));
        }

        LogAnswer(logger, exchange.Request?.TransType ?? "-", exchange.ClientId ?? "-", answer.UnifiedCode, exchange.RequestId);
        var body = AtsyhCodec.WriteResponse(answer.ToResponse(exchange.Request), read.Encoding, read.Declared);
        return Results.Bytes(body, "application/xml; charset=" + (read.Declared ?? "utf-8"));
    }

    private async Task<(DspAnswer, (System.Text.Encoding, string?))> AnswerAsync(HttpContext http, DspExchange exchange)
    {
        var utf8 = ((System.Text.Encoding)Protocols.Xml.XmlCharsets.Utf8, (string?)null);
        var body = await RequestBody.ReadAsync(http.Request, options.Value.MaxBodyBytes, http.RequestAborted);
        var parsed = body is null ? null : AtsyhCodec.ReadRequest(body);
        exchange.Request = parsed?.Message;
        var charset = parsed is null ? utf8 : (parsed.Encoding, parsed.DeclaredCharset);

        var clientId = http.Request.Headers[DspSignature.ClientHeader].ToString();
        exchange.ClaimedClientId = clientId.Length is > 0 and <= 64 ? clientId : null;
        var frontEnd = exchange.ClaimedClientId is null ? null : frontEnds.Find(clientId);
        if (frontEnd is null)
        {
            return (DspAnswer.Refuse(UnifiedCode.NotAuthenticated, $"unknown or missing {DspSignature.ClientHeader}"), charset);
        }

        if (body is null)
        {
            return (DspAnswer.Refuse(UnifiedCode.Malformed, $"body larger than {options.Value.MaxBodyBytes} bytes"), charset);
        }

        if (!DspSignature.Verify(frontEnd.Secret, body, http.Request.Headers[DspSignature.SignatureHeader].ToString()))
        {
            return (DspAnswer.Refuse(UnifiedCode.NotAuthenticated, $"{DspSignature.SignatureHeader} is not the HMAC-SHA256 of the body"), charset);
        }

        exchange.ClientId = frontEnd.ClientId;
        if (!rateLimits.TryAcquire("dsp", frontEnd.ClientId, frontEnd.RateLimitPerSecond))
        {
            return (DspAnswer.Refuse(UnifiedCode.RateLimited), charset);
        }

        if (parsed!.Message is not { } request)
        {
            return (DspAnswer.Refuse(UnifiedCode.Malformed, parsed.Problem), charset);
        }

        var problems = AtsyhValidation.Problems(request);
        if (problems.Count > 0)
        {
            return (DspAnswer.Refuse(UnifiedCode.Malformed, string.Join("; ", problems)), charset);
        }

        var channel = channels.Find(request.BankCode!);
        if (channel is not { Enabled: true })
        {
            return (DspAnswer.Refuse(UnifiedCode.NotRouted, $"BankCode {request.BankCode} is not a channel of this gateway"), charset);
        }

        if (!channel.Supports(request.CommandCode!))
        {
            return (DspAnswer.Refuse(UnifiedCode.NotRouted, $"CommandCode {request.CommandCode} is not supported by {channel.BankCode}"), charset);
        }

        return (await flow.AnswerAsync(exchange, request, channel, http.RequestAborted), charset);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "DSP request {RequestId} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DSP {TransType} from {ClientId}: {UnifiedCode} (request {RequestId})")]
    private static partial void LogAnswer(ILogger logger, string transType, string clientId, string unifiedCode, string requestId);
}
