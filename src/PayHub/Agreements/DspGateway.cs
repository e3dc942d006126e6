using PayHub.Agreements.Channels;
using PayHub.Audit;
using PayHub.Exchanges;
using PayHub.Protocols.Agreements;

namespace PayHub.Agreements;

/// <summary>
/// The gateway's front door, <c>POST /dsp</c>. Checks run in SPEC order — caller signature (EC906),
/// rate limit (EC907), parsing and fields (EC901), BankCode and CommandCode (EC903) — then
/// <see cref="AgreementFlow"/> takes over at the ReqSeqID. Every answer, refusals included, is
/// HTTP 200 with the ATSYH response envelope, echoing what could be read of the request.
/// </summary>
public sealed class DspGateway(FrontEndDirectory frontEnds, ChannelDirectory channels, AgreementFlow flow, Sandbox.SandboxTriggers triggers)
    : IPaymentInterface<DspExchange, DspAnswer>
{
    public DspExchange Open(ExchangeStart start) => new(start);

    /// <summary>EC904, in UTF-8 whatever the request's charset (as it always was: a failure may have come from reading it).</summary>
    public DspAnswer Failed(DspExchange exchange)
    {
        exchange.Charset = (Protocols.Xml.XmlCharsets.Utf8, null);
        return DspAnswer.Refuse(UnifiedCode.Unavailable, "gateway error; safe to retry (request " + exchange.RequestId + ")");
    }

    public AuditEntry AuditOf(DspExchange exchange, DspAnswer answer) => exchange.AuditOf(answer);

    public Task SendAsync(DspExchange exchange, DspAnswer answer)
    {
        var body = AtsyhCodec.WriteResponse(answer.ToResponse(exchange.Request), exchange.Charset.Encoding, exchange.Charset.Declared);
        return Results.Bytes(body, "application/xml; charset=" + (exchange.Charset.Declared ?? "utf-8")).ExecuteAsync(exchange.Http);
    }

    public async Task<DspAnswer> AnswerAsync(DspExchange exchange)
    {
        var headers = exchange.Http.Request.Headers;
        var body = await exchange.ReadBodyAsync();
        var parsed = body is null ? null : AtsyhCodec.ReadRequest(body);
        exchange.Request = parsed?.Message;
        if (parsed is not null)
        {
            exchange.Charset = (parsed.Encoding, parsed.DeclaredCharset);
        }

        var clientId = headers[DspSignature.ClientHeader].ToString();
        exchange.ClaimedClientId = clientId.Length is > 0 and <= 64 ? clientId : null;
        var frontEnd = exchange.ClaimedClientId is null ? null : frontEnds.Find(clientId);
        if (frontEnd is null)
        {
            return DspAnswer.Refuse(UnifiedCode.NotAuthenticated, $"unknown or missing {DspSignature.ClientHeader}");
        }

        if (body is null)
        {
            return DspAnswer.Refuse(UnifiedCode.Malformed, $"body larger than {exchange.MaxBodyBytes} bytes");
        }

        if (!DspSignature.Verify(frontEnd.Secret, body, headers[DspSignature.SignatureHeader].ToString()))
        {
            return DspAnswer.Refuse(UnifiedCode.NotAuthenticated, $"{DspSignature.SignatureHeader} is not the HMAC-SHA256 of the body");
        }

        exchange.ClientId = frontEnd.ClientId;
        if (!exchange.TryAcquireRate(frontEnd.ClientId, frontEnd.RateLimitPerSecond))
        {
            return DspAnswer.Refuse(UnifiedCode.RateLimited);
        }

        if (parsed!.Message is not { } request)
        {
            return DspAnswer.Refuse(UnifiedCode.Malformed, parsed.Problem);
        }

        var problems = AtsyhValidation.Problems(request);
        if (problems.Count > 0)
        {
            return DspAnswer.Refuse(UnifiedCode.Malformed, string.Join("; ", problems));
        }

        var channel = channels.Find(request.BankCode!);
        if (channel is not { Enabled: true })
        {
            return DspAnswer.Refuse(UnifiedCode.NotRouted, $"BankCode {request.BankCode} is not a channel of this gateway");
        }

        if (!channel.Supports(request.CommandCode!))
        {
            return DspAnswer.Refuse(UnifiedCode.NotRouted, $"CommandCode {request.CommandCode} is not supported by {channel.BankCode}");
        }

        var step = request.Detail.Value("Step");
        switch (await triggers.ReadAsync(exchange, request.TransType + (step is null ? "" : "/" + step), request.Detail.Value("ReqSeqID")))
        {
            case { Kind: Sandbox.TriggerKind.Drop }:
                return Failed(exchange);
            case { Code: UnifiedCode.RateLimited }:
                return DspAnswer.Refuse(UnifiedCode.RateLimited);
        }

        return await flow.AnswerAsync(exchange, request, channel, exchange.Http.RequestAborted);
    }
}
