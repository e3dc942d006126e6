using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PayHub.Protocols.GlobalAccounts;

namespace PayHub.Client.GlobalAccounts;

/// <summary>
/// An integrator's client of a WorldFirst-compatible account API: signs each request with RSA256 under the
/// integrator's key (<c>Signature</c>, over <c>POST &lt;uri&gt;\n&lt;Client-Id&gt;.&lt;Request-Time&gt;.&lt;body&gt;</c>) and
/// verifies every answer's signature with the server's public key, refusing (with <see cref="AnswerSignatureException"/>)
/// an answer that is unsigned, signed for another client, or not signed over the bytes received.
/// </summary>
public sealed class GlobalAccountsClient
{
    private readonly HttpClient _http;
    private readonly GlobalAccountsClientOptions _options;

    /// <summary>A client sending through <paramref name="http"/>.</summary>
    public GlobalAccountsClient(HttpClient http, GlobalAccountsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
    }

    /// <summary>inquiryAccount (the seed).</summary>
    public Task<InquiryAccountAnswer> InquiryAccountAsync(InquiryAccountRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("/business/account/inquiryAccount", Serialize(request, GlobalAccountsJson.Default.InquiryAccountRequest), [], GlobalAccountsJson.Default.InquiryAccountAnswer, cancellationToken);

    /// <summary>inquiryBalance.</summary>
    public Task<InquiryBalanceAnswer> InquiryBalanceAsync(InquiryBalanceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new List<KeyValuePair<string, string>>();
        if (request.ConnectedCustomerId is not null)
        {
            headers.Add(new("Connected-CustomerId", request.ConnectedCustomerId));
        }

        if (request.AccessToken is not null)
        {
            headers.Add(new("Access-Token", request.AccessToken));
        }

        return CallAsync("/business/account/inquiryBalance", Serialize(request, GlobalAccountsJson.Default.InquiryBalanceRequest), headers, GlobalAccountsJson.Default.InquiryBalanceAnswer, cancellationToken);
    }

    /// <summary>applyToken.</summary>
    public Task<ApplyTokenAnswer> ApplyTokenAsync(ApplyTokenRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("/authorizations/applyToken", Serialize(request, GlobalAccountsJson.Default.ApplyTokenRequest), [], GlobalAccountsJson.Default.ApplyTokenAnswer, cancellationToken);

    /// <summary>
    /// Any operation (its path after the prefix, e.g. <c>/business/account/inquiryAccount</c>) with a body sent as it
    /// is and extra headers; the answer verified.
    /// </summary>
    public async Task<VerifiedAnswer> SendAsync(string operationPath, byte[] body, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationPath);
        ArgumentNullException.ThrowIfNull(body);
        var bytes = await ExchangeAsync(operationPath, body, headers ?? [], cancellationToken).ConfigureAwait(false);
        var result = Deserialize(bytes, GlobalAccountsJson.Default.AnyGlobalAnswer).Result;
        return new VerifiedAnswer(result, bytes);
    }

    private async Task<T> CallAsync<T>(string operationPath, byte[] body, IEnumerable<KeyValuePair<string, string>> headers, JsonTypeInfo<T> answerType, CancellationToken cancellationToken)
        where T : GlobalAnswer
    {
        var bytes = await ExchangeAsync(operationPath, body, headers, cancellationToken).ConfigureAwait(false);
        return Deserialize(bytes, answerType);
    }

    private async Task<byte[]> ExchangeAsync(string operationPath, byte[] body, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        var target = WireExchange.Target(_http, _options, _options.PathPrefix.TrimEnd('/') + operationPath);
        var requestUri = target.PathAndQuery;
        var time = RequestTime.Format(_options.Clock.GetUtcNow());
        var content = Rsa256Signature.Content("POST", requestUri, _options.ClientId, time, body);
        _options.Report("string to sign", WireExchange.Show(content, Encoding.UTF8));
        var signature = SignatureHeader.Rsa256(_options.KeyVersion, Rsa256Signature.Sign(_options.ClientKey, content)).ToString();
        _options.Report("signature", $"SHA256withRSA (PKCS#1 v1.5) with the client's private key, base64 then URL-encoded:\nSignature: {signature}");
        List<KeyValuePair<string, string>> sent =
        [
            new("Client-Id", _options.ClientId), new("Request-Time", time), new("Signature", signature), .. headers,
        ];
        var answer = await WireExchange.PostAsync(_http, _options, target, body, "application/json; charset=UTF-8", sent, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        Verify(answer, requestUri);
        return answer.Body;
    }

    private void Verify(WireAnswer answer, string requestUri)
    {
        if (answer.Header("signature") is not { } header)
        {
            throw new AnswerSignatureException($"The answer (HTTP {answer.Status}) carries no signature header: it cannot be trusted.");
        }

        if (SignatureHeader.Parse(header) is not { } signature)
        {
            throw new AnswerSignatureException($"The answer's signature header is unreadable: {header}");
        }

        var clientId = answer.Header("client-id");
        var time = answer.Header("response-time");
        if (clientId != _options.ClientId || time is null)
        {
            throw new AnswerSignatureException($"The answer is signed for client-id {clientId ?? "(none)"} at response-time {time ?? "(none)"}, not for {_options.ClientId}.");
        }

        var content = Rsa256Signature.Content("POST", requestUri, clientId, time, answer.Body);
        var verified = Rsa256Signature.Verify(_options.ServerKey, content, signature.Signature);
        _options.Report(
            "answer signature",
            $"over {WireExchange.Show(content, Encoding.UTF8)}\nwith the server's public key (keyVersion {signature.KeyVersion}): {(verified ? "verified" : "DOES NOT VERIFY")}");
        if (!verified)
        {
            throw new AnswerSignatureException("The answer's signature does not verify with the server's public key over the bytes received: it cannot be trusted.");
        }
    }

    private static byte[] Serialize<T>(T request, JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonSerializer.SerializeToUtf8Bytes(request, type);
    }

    private static T Deserialize<T>(byte[] body, JsonTypeInfo<T> type)
        where T : GlobalAnswer
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new PayHubClientException($"The answer is signed but is not the operation's JSON: {e.Message}", 200, e);
        }
    }
}
