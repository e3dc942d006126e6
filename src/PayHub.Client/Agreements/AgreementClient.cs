using System.Globalization;
using PayHub.Protocols.Agreements;
using PayHub.Protocols.Xml;

namespace PayHub.Client.Agreements;

/// <summary>
/// A front-end system's client of an agreement gateway (<c>POST /dsp</c>): signs and unsigns withholding agreements
/// in two steps (01 apply, the channel sends the payer a code; 02 confirm with it) and queries them. Each body is
/// signed with HMAC-SHA256 under the front-end's secret (<c>X-DSP-Signature</c>).
/// </summary>
public sealed class AgreementClient
{
    private readonly HttpClient _http;
    private readonly AgreementClientOptions _options;

    /// <summary>A client sending through <paramref name="http"/>.</summary>
    public AgreementClient(HttpClient http, AgreementClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
    }

    /// <summary>A new ReqSeqID or TransSeqID: 32 letters and digits, unique without coordination.</summary>
    public static string NewSequence() => Guid.NewGuid().ToString("N");

    /// <summary>Contract step 01: asks the channel to send the payer a code (EC100 when it did).</summary>
    public Task<AgreementAnswer> ApplySignAsync(AgreementRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(TransType.Contract, request, TransType.Apply, null, cancellationToken);

    /// <summary>Contract step 02: confirms with the payer's code; EC000 carries the agreement number (AuthCode).</summary>
    public Task<AgreementAnswer> ConfirmSignAsync(AgreementRequest request, string smsCode, CancellationToken cancellationToken = default) =>
        SendAsync(TransType.Contract, request, TransType.Confirm, smsCode, cancellationToken);

    /// <summary>DeContract step 01.</summary>
    public Task<AgreementAnswer> ApplyUnsignAsync(AgreementRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(TransType.DeContract, request, TransType.Apply, null, cancellationToken);

    /// <summary>DeContract step 02 (the seed's operation).</summary>
    public Task<AgreementAnswer> ConfirmUnsignAsync(AgreementRequest request, string smsCode, CancellationToken cancellationToken = default) =>
        SendAsync(TransType.DeContract, request, TransType.Confirm, smsCode, cancellationToken);

    /// <summary>QryContract: the agreement's state, found by AuthCode or by PayAct and RecAct (and PolicyNo).</summary>
    public Task<AgreementAnswer> QueryAsync(AgreementRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(TransType.QryContract, request, null, null, cancellationToken);

    /// <summary>Any TransType, with <c>Step</c> and <c>SmsCode</c> added to the DetailRecord when given.</summary>
    public async Task<AgreementAnswer> SendAsync(string transType, AgreementRequest request, string? step, string? smsCode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(transType);
        ArgumentNullException.ThrowIfNull(request);
        var atsyh = new AtsyhRequest();
        atsyh.Header.Set("BankCode", request.BankCode).Set("TransType", transType).Set("CommandCode", request.CommandCode)
            .Set("TransSeqID", request.TransSeqId ?? NewSequence())
            .Set("TransTime", _options.ChinaNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        foreach (var (name, value) in request.DetailFields())
        {
            if (value is not null)
            {
                atsyh.Detail.Set(name, value);
            }
        }

        if (step is not null)
        {
            atsyh.Detail.Set("Step", step);
        }

        if (smsCode is not null)
        {
            atsyh.Detail.Set("SmsCode", smsCode);
        }

        return await SendBodyAsync(AtsyhCodec.WriteRequest(atsyh), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A body as it is (an <c>examples/dsp</c> file, say), signed and sent; the answer decoded.</summary>
    public async Task<AgreementAnswer> SendBodyAsync(byte[] body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        _options.Report("string to sign", $"the body's {body.Length} bytes, as sent (HMAC-SHA256, key: the secret of {_options.ClientId}, ***)");
        var signature = DspSignature.Compute(_options.Secret, body);
        _options.Report("signature", $"{DspSignature.SignatureHeader}: {signature} (lower-case hex)");
        var shownAs = SafeXml.DeclaredCharset(body) is { } label && XmlCharsets.TryGet(label, out var encoding, out _) ? encoding : XmlCharsets.Utf8;
        var answer = await WireExchange.PostAsync(
            _http, _options, WireExchange.Target(_http, _options, _options.Path), body, "application/xml",
            [new(DspSignature.ClientHeader, _options.ClientId), new(DspSignature.SignatureHeader, signature)], shownAs, cancellationToken).ConfigureAwait(false);
        var read = AtsyhCodec.ReadResponse(answer.Body);
        if (read.Message is null || read.Message.Detail.Get("UnifiedCode") is null)
        {
            throw new PayHubClientException($"The answer (HTTP {answer.Status}) is not an ATSYH response: {read.Problem ?? "no UnifiedCode"}.", answer.Status);
        }

        return new AgreementAnswer(read.Message);
    }
}
