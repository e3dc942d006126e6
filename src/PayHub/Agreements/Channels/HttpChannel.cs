using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using PayHub.Protocols.Agreements;

namespace PayHub.Agreements.Channels;

/// <summary>
/// The <c>http</c> adapter kind: forwards the request, in this same ATSYH format, to another
/// gateway at <c>settings.url</c>, signed as <c>settings.clientId</c> with the channel's secret,
/// under <c>settings.remoteBankCode</c> (default: the channel's own BankCode). The remote's
/// <c>UnifiedCode</c> becomes this gateway's <c>OriginalCode</c>.
/// Resilience (Polly): a timeout per attempt; a retry only where it cannot do a step twice (a
/// query, or a connection that was never made); a circuit breaker that, after repeated failures,
/// answers "unavailable" at once for a while instead of waiting for the timeout every time.
/// A request that was sent but got no readable answer is a timeout: its outcome is unknown.
/// </summary>
public sealed class HttpChannel(IHttpClientFactory httpClients) : IChannelAdapter
{
    public const string HttpClientName = "dsp-channels";

    private readonly ConcurrentDictionary<(string BankCode, long Version), ResiliencePipeline<HttpResponseMessage>> _pipelines = new();
    private readonly ConcurrentDictionary<string, CircuitBreakerStateProvider> _breakers = new(StringComparer.Ordinal);

    /// <summary>Each http channel's circuit breaker as it is now (of the channel's latest settings this node has called with).</summary>
    public IEnumerable<KeyValuePair<string, CircuitState>> CircuitStates => _breakers.Select(b => new KeyValuePair<string, CircuitState>(b.Key, b.Value.CircuitState));

    public string Kind => "http";

    public async Task<ChannelAnswer> SendAsync(Channel channel, AtsyhRequest request, CancellationToken cancellationToken)
    {
        var body = AtsyhCodec.WriteRequest(Forwarded(channel, request));
        var signature = DspSignature.Compute(channel.Secret ?? [], body);
        var isQuery = request.TransType == TransType.QryContract;
        var client = httpClients.CreateClient(HttpClientName);
        var pipeline = _pipelines.GetOrAdd((channel.BankCode, channel.Version), key => Build(channel, _breakers[channel.BankCode] = new CircuitBreakerStateProvider()));
        // The pipeline keeps its own time (a timeout per attempt) rather than racing the caller's token:
        // a timeout it sees is one the circuit breaker counts.
        var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
        context.Properties.Set(IsQueryKey, isQuery);
        try
        {
            using var response = await pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    using var message = new HttpRequestMessage(HttpMethod.Post, state.Url) { Content = new ByteArrayContent(state.Body) };
                    message.Content.Headers.ContentType = new("application/xml") { CharSet = "utf-8" };
                    message.Headers.Add(DspSignature.ClientHeader, state.ClientId);
                    message.Headers.Add(DspSignature.SignatureHeader, state.Signature);
                    return await state.Client.SendAsync(message, ctx.CancellationToken);
                },
                context,
                (Url: channel.Setting("url")!, Body: body, ClientId: channel.Setting("clientId") ?? "", Signature: signature, Client: client));
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return ChannelAnswer.Unavailable;
            }

            var answer = response.IsSuccessStatusCode
                ? AtsyhCodec.ReadResponse(await response.Content.ReadAsByteArrayAsync(cancellationToken)).Message
                : null;
            if (answer?.UnifiedCode is not { Length: > 0 } remoteCode)
            {
                // Sent, and no answer that says what happened: unknown.
                return ChannelAnswer.TimedOut;
            }

            return new ChannelAnswer(ChannelOutcome.Answered, remoteCode, answer.Detail.Value("AuthCode"), answer.Detail.Value("ContractState"));
        }
        catch (BrokenCircuitException e)
        {
            throw new ChannelUnavailableException($"not calling {Where(channel)} for a while after repeated failures (circuit open)", e);
        }
        catch (HttpRequestException e) when (NeverSent(e))
        {
            // One line for the log: where, and what the socket said (the stack trace stays in the exception).
            throw new ChannelUnavailableException($"no connection to {Where(channel)} ({e.InnerException?.Message ?? e.Message}); check the channel's settings.url", e);
        }
        catch (Exception e) when (e is TimeoutRejectedException or HttpRequestException)
        {
            return ChannelAnswer.TimedOut;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The channel's URL as a log line may show it: scheme, host, port and path, never user info or a query (which may hold credentials).</summary>
    private static string Where(Channel channel) =>
        Uri.TryCreate(channel.Setting("url"), UriKind.Absolute, out var uri) ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : "its url";

    public string? CheckSettings(JsonElement settings, bool hasSecret)
    {
        var url = settings.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "settings.url must be an absolute http or https URL";
        }

        if (!settings.TryGetProperty("clientId", out var c) || c.ValueKind != JsonValueKind.String || c.GetString() is not { Length: > 0 })
        {
            return "settings.clientId (this gateway's client id at the remote) is required";
        }

        return hasSecret ? null : "secret (this gateway's secret at the remote) is required";
    }

    /// <summary>The remote speaks unified codes: each maps to itself, except the remote's refusals of this gateway, which make the channel unavailable.</summary>
    public IEnumerable<CodeMapEntry> DefaultCodeMap(JsonElement settings)
    {
        (string TransType, string Step)[] steps =
        [
            (TransType.Contract, TransType.Apply), (TransType.Contract, TransType.Confirm),
            (TransType.DeContract, TransType.Apply), (TransType.DeContract, TransType.Confirm),
            (TransType.QryContract, ""),
        ];
        foreach (var (transType, step) in steps)
        {
            foreach (var code in UnifiedCode.All)
            {
                var unified = code is UnifiedCode.Malformed or UnifiedCode.NotRouted or UnifiedCode.ReqSeqIdReused or UnifiedCode.NotAuthenticated or UnifiedCode.RateLimited
                    ? UnifiedCode.Unavailable
                    : code;
                yield return new CodeMapEntry(transType, step, code, unified, UnifiedCode.DefaultMessage(unified));
            }
        }
    }

    private static readonly ResiliencePropertyKey<bool> IsQueryKey = new("dsp.is-query");

    private static AtsyhRequest Forwarded(Channel channel, AtsyhRequest request)
    {
        var forwarded = new AtsyhRequest { Version = request.Version };
        foreach (var (name, value) in request.Header.All)
        {
            forwarded.Header.Set(name, name == "BankCode" ? channel.Setting("remoteBankCode") ?? channel.BankCode : value);
        }

        foreach (var (name, value) in request.Detail.All)
        {
            forwarded.Detail.Set(name, value);
        }

        return forwarded;
    }

    private static bool NeverSent(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;

    private static ResiliencePipeline<HttpResponseMessage> Build(Channel channel, CircuitBreakerStateProvider breaker) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Exponential,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception switch
                {
                    BrokenCircuitException => false,
                    HttpRequestException e when NeverSent(e) => true,
                    HttpRequestException or TimeoutRejectedException => args.Context.Properties.GetValue(IsQueryKey, false),
                    null => args.Context.Properties.GetValue(IsQueryKey, false) && (int)args.Outcome.Result!.StatusCode >= 500,
                    _ => false,
                }),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(10),
                StateProvider = breaker,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException or TimeoutRejectedException
                    || (args.Outcome.Result is { } result && (int)result.StatusCode >= 500)),
            })
            .AddTimeout(TimeSpan.FromMilliseconds(channel.TimeoutMs))
            .Build();
}
