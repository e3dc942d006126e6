using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;

namespace PayHub.Client.Utility;

/// <summary>
/// A bank's client of a utility company's revenue system (<c>POST /utility/{TranCode}</c>): builds the GBK XML or
/// JSON envelope, encrypts it when the options say so (SM4, AES or 3DES in ECB or CBC, a fresh IV per request),
/// sends it with the institution's API key, and decrypts and decodes the answer.
/// </summary>
public sealed class UtilityClient
{
    private readonly HttpClient _http;
    private readonly UtilityClientOptions _options;

    /// <summary>A client sending through <paramref name="http"/> (from <c>IHttpClientFactory</c>, or your own).</summary>
    public UtilityClient(HttpClient http, UtilityClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
        if (options.Encryption.IsEncrypted && options.CipherKey?.Length != options.KeyLength)
        {
            throw new ArgumentException($"{options.Encryption.TypeHeader} needs a {options.KeyLength}-byte CipherKey.", nameof(options));
        }
    }

    /// <summary>A new TranSeq: 32 letters and digits, unique without coordination.</summary>
    public static string NewTranSeq() => Guid.NewGuid().ToString("N");

    /// <summary>CustomerCheck: the customer's details and payment totals.</summary>
    public async Task<CustomerCheckAnswer> CustomerCheckAsync(CustomerCheckRequest request, CancellationToken cancellationToken = default) =>
        new(await SendAsync(request, cancellationToken).ConfigureAwait(false));

    /// <summary>Query: the outstanding bills.</summary>
    public async Task<BillQueryAnswer> QueryAsync(BillQueryRequest request, CancellationToken cancellationToken = default) =>
        new(await SendAsync(request, cancellationToken).ConfigureAwait(false));

    /// <summary>Pay: pays what is owed; a repeat of the same TranSeq returns the same receipt and never pays twice.</summary>
    public async Task<PaymentAnswer> PayAsync(PaymentRequest request, CancellationToken cancellationToken = default) =>
        new(await SendAsync(request, cancellationToken).ConfigureAwait(false));

    /// <summary>PayInvalid: reverses a payment of the same day.</summary>
    public async Task<ReversalAnswer> PayInvalidAsync(ReversalRequest request, CancellationToken cancellationToken = default) =>
        new(await SendAsync(request, cancellationToken).ConfigureAwait(false));

    /// <summary>PayCheck: the reconciliation file of a day.</summary>
    public async Task<ReconciliationAnswer> PayCheckAsync(ReconciliationRequest request, CancellationToken cancellationToken = default) =>
        new(await SendAsync(request, cancellationToken).ConfigureAwait(false));

    /// <summary>Any operation: the common fields (Version, InstId, TranCode, TranDate, TranSeq) then <paramref name="request"/>'s.</summary>
    public Task<UtilityAnswer> SendAsync(UtilityRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendFieldsAsync(request.TranCode, request.OperationFields(), request.TranSeq, request.TranDate, cancellationToken);
    }

    /// <summary>
    /// Any TranCode with any fields (null values left out), for an operation this client has no type for. Fields
    /// named like a common field (<c>InstId</c>, <c>TranSeq</c>, …) replace it.
    /// </summary>
    public async Task<UtilityAnswer> SendFieldsAsync(
        string tranCode,
        IEnumerable<KeyValuePair<string, string?>> fields,
        string? tranSeq = null,
        string? tranDate = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tranCode);
        ArgumentNullException.ThrowIfNull(fields);
        var message = UtilityEnvelope.Request(
            _options.InstId, tranCode, tranDate ?? _options.ChinaNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture), tranSeq ?? NewTranSeq());
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                message.Set(name, value);
            }
        }

        var path = "/utility/" + Uri.EscapeDataString(message.Get("TranCode") ?? tranCode);
        var answer = await ExchangeAsync(path, message, cancellationToken).ConfigureAwait(false);
        return answer;
    }

    private async Task<UtilityAnswer> ExchangeAsync(string path, UtilityMessage message, CancellationToken cancellationToken)
    {
        var json = _options.DataType == UtilityDataType.Json;
        Encoding encoding;
        string declared;
        if (json)
        {
            (encoding, declared) = (XmlCharsets.Utf8, "UTF-8");
        }
        else if (!XmlCharsets.TryGet(_options.Charset, out encoding, out declared))
        {
            throw new ArgumentException($"Charset {_options.Charset} is not one of GBK, GB18030, UTF-8.");
        }

        var payload = json ? UtilityJsonCodec.Write(message) : UtilityXmlCodec.Write(message, encoding, declared);
        _options.Report("payload", WireExchange.Show(payload, encoding));
        var encryption = _options.Encryption;
        byte[] body;
        string contentType;
        var headers = new List<KeyValuePair<string, string>> { new("X-API-Key", _options.ApiKey) };
        if (encryption.IsEncrypted)
        {
            var key = _options.CipherKey!;
            var sealedText = encryption.Seal(key, payload);
            body = Encoding.ASCII.GetBytes(sealedText);
            contentType = "text/plain";
            headers.Add(new("EncryptType", encryption.TypeHeader));
            headers.Add(new("EncryptMode", encryption.ModeHeader));
            headers.Add(new("DataType", json ? "JSON" : "XML"));
            _options.Report("cipher", DescribeCipher(encryption, Convert.FromBase64String(sealedText)));
        }
        else
        {
            body = payload;
            contentType = json ? "application/json" : "application/xml; charset=" + declared;
        }

        var answer = await WireExchange.PostAsync(
            _http, _options, WireExchange.Target(_http, _options, path), body, contentType, headers, encryption.IsEncrypted ? Encoding.ASCII : encoding, cancellationToken).ConfigureAwait(false);
        return Decode(answer, json, encryption.IsEncrypted);
    }

    private static string DescribeCipher(UtilityEncryption encryption, byte[] data)
    {
        var text = new StringBuilder($"{encryption.TypeHeader}/{encryption.ModeHeader}/PKCS7, key ***");
        if (encryption.Chaining == Protocols.Crypto.BlockChaining.Cbc)
        {
            var ivLength = Protocols.Crypto.BodyCipher.IvLength(encryption.Kind!.Value);
            text.Append(", IV ").Append(Convert.ToHexStringLower(data, 0, ivLength)).Append(" (sent in front of the ciphertext)");
        }

        return text.Append(", ").Append(data.Length).Append(" bytes before base64").ToString();
    }

    private UtilityAnswer Decode(WireAnswer answer, bool json, bool encrypted)
    {
        var body = answer.Body;
        // Answers given before the body was decrypted (EGG0001, EGG0002, SYS9998) are plain; the rest are text/plain base64.
        if (encrypted && answer.MediaType == "text/plain")
        {
            try
            {
                body = _options.Encryption.Open(_options.CipherKey!, body);
            }
            catch (CryptographicException e)
            {
                throw new PayHubClientException($"The answer (HTTP {answer.Status}) cannot be decrypted with {_options.Encryption.TypeHeader}/{_options.Encryption.ModeHeader}: {e.Message}", answer.Status, e);
            }

            _options.Report("decrypted answer", WireExchange.Show(body, json ? XmlCharsets.Utf8 : XmlCharsets.Gbk));
        }

        var answerIsJson = answer.MediaType == "application/json" || (encrypted ? json : body.AsSpan().TrimStart(" \r\n\t"u8).StartsWith("{"u8));
        var decoded = answerIsJson
            ? UtilityJsonCodec.Read(body, UtilityMessage.ResponseRoot)
            : UtilityXmlCodec.Read(body, encrypted ? null : answer.Charset, UtilityMessage.ResponseRoot);
        if (decoded.Message is null || decoded.Message.Get("RespCode") is null)
        {
            throw new PayHubClientException(
                $"The answer (HTTP {answer.Status}, {answer.MediaType ?? "no Content-Type"}) is not a utility <out> message: {decoded.Problem ?? "no RespCode"}.", answer.Status);
        }

        return new UtilityAnswer(decoded.Message, answer.Status);
    }
}
