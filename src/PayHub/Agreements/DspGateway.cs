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
public sealed class DspGateway(FrontEndDirectory frontEnds, ChannelDirectory channels, AgreementFlow flow, Sandbox.SandboxTriggers triggers, TimeProvider clock)
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

    /// <summary>What metrics count, read without building the audit row: the operation as its label (no string built), the unified code.</summary>
    public ExchangeOutcome OutcomeOf(DspExchange exchange, DspAnswer answer)
    {
        var request = exchange.Request;
        var operation = (request?.TransType, request?.Detail.Value("Step")) switch
        {
            (TransType.Contract, TransType.Apply) => "Contract/01",
            (TransType.Contract, TransType.Confirm) => "Contract/02",
            (TransType.DeContract, TransType.Apply) => "DeContract/01",
            (TransType.DeContract, TransType.Confirm) => "DeContract/02",
            (TransType.QryContract, null) => TransType.QryContract,
            _ => Telemetry.MetricLabels.Other,
        };
        return new(operation, answer.UnifiedCode, answer.UnifiedCode is not (UnifiedCode.Success or UnifiedCode.CodeSent), DspExchange.CheckOf(answer));
    }

    /// <summary>The audit row's operations (TransType, and the step of the two-step ones) and the unified codes.</summary>
    public Telemetry.MetricLabels Labels { get; } = new(
        [$"{TransType.Contract}/{TransType.Apply}", $"{TransType.Contract}/{TransType.Confirm}", $"{TransType.DeContract}/{TransType.Apply}",
            $"{TransType.DeContract}/{TransType.Confirm}", TransType.QryContract],
        UnifiedCode.All);

    public Task SendAsync(DspExchange exchange, DspAnswer answer)
    {
        var body = AtsyhCodec.WriteResponse(answer.ToResponse(exchange.Request), exchange.Charset.Encoding, exchange.Charset.Declared);
        return Results.Bytes(body, "application/xml; charset=" + (exchange.Charset.Declared ?? "utf-8")).ExecuteAsync(exchange.Http);
    }

    /// <summary>What the signature should have been over, and (on a sandbox) what PayHub computed; the secret and the signature sent never appear.</summary>
    private static string SignatureDiagnosis(DspExchange exchange, FrontEnd frontEnd, byte[] body, string sent)
    {
        var shape = sent.Length == 0 ? $"the request has no {DspSignature.SignatureHeader} header"
            : sent.Length != 64 || !sent.All(char.IsAsciiHexDigit) ? $"{DspSignature.SignatureHeader} is {sent.Length} characters, not 64 hex digits"
            : $"{DspSignature.SignatureHeader} is 64 hex digits, but not the ones PayHub computed";
        var computed = exchange.ShowsDigests
            ? $" On this sandbox: the body's SHA-256 is {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))}, and PayHub computed {DspSignature.Compute(frontEnd.Secret, body)}."
            : "";
        return $"{shape}. PayHub computes the lower-case hex HMAC-SHA256 over exactly the {body.Length} body bytes it received, "
            + $"as received (no re-encoding, no trimming), under front-end {frontEnd.ClientId}'s secret (***).{computed}";
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
            exchange.Refuse("signature", exchange.ClaimedClientId is null
                ? $"the request has no {DspSignature.ClientHeader} header (1 to 64 characters)"
                : $"{DspSignature.ClientHeader} '{exchange.ClaimedClientId}' is not a registered front-end");
            return DspAnswer.Refuse(UnifiedCode.NotAuthenticated, $"unknown or missing {DspSignature.ClientHeader}");
        }

        if (body is null)
        {
            exchange.Refuse("parsing", exchange.BodyDiagnosis);
            return DspAnswer.Refuse(UnifiedCode.Malformed, exchange.BodyProblem);
        }

        if (!frontEnd.Signed(body, headers[DspSignature.SignatureHeader].ToString(), clock.GetUtcNow()))
        {
            exchange.Refuse("signature", SignatureDiagnosis(exchange, frontEnd, body, headers[DspSignature.SignatureHeader].ToString()));
            return DspAnswer.Refuse(UnifiedCode.NotAuthenticated, $"{DspSignature.SignatureHeader} is not the HMAC-SHA256 of the body");
        }

        exchange.ClientId = frontEnd.ClientId;
        if (!exchange.TryAcquireRate(frontEnd.ClientId, frontEnd.RateLimitPerSecond))
        {
            exchange.Refuse("rate-limit", $"front-end {frontEnd.ClientId} is over its limit of {frontEnd.RateLimitPerSecond} requests a second");
            return DspAnswer.Refuse(UnifiedCode.RateLimited);
        }

        if (parsed!.Message is not { } request)
        {
            exchange.Refuse("parsing", "the ATSYH reader refused the body: " + parsed.Problem);
            return DspAnswer.Refuse(UnifiedCode.Malformed, parsed.Problem);
        }

        var problems = AtsyhValidation.Problems(request);
        if (problems.Count > 0)
        {
            exchange.Refuse("fields", string.Join("; ", problems));
            return DspAnswer.Refuse(UnifiedCode.Malformed, string.Join("; ", problems));
        }

        var channel = channels.Find(request.BankCode!);
        if (channel is not { Enabled: true })
        {
            exchange.Refuse("routing", $"BankCode {request.BankCode} is {(channel is null ? "not a channel of this gateway" : "a disabled channel")}; channels: GET /admin/channels");
            return DspAnswer.Refuse(UnifiedCode.NotRouted, $"BankCode {request.BankCode} is not a channel of this gateway");
        }

        if (!channel.Supports(request.CommandCode!))
        {
            exchange.Refuse("routing", $"channel {channel.BankCode} supports CommandCodes {string.Join(", ", channel.CommandCodes)}, not {request.CommandCode}");
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
