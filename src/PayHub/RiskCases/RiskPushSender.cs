using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PayHub.Hosting;
using PayHub.Protocols.RiskCases;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>
/// Sends the push outbox (<c>risk_deliveries</c>): each due delivery is the case as it is now, one
/// flat JSON object of the row's fields plus <c>accessid</c>, <c>timestamp</c> and <c>sign</c> (the
/// agent's own), POSTed to the agent's notify URL. Delivered when the answer is HTTP 200 with
/// <c>return_code</c> 10000 or the body <c>SUCCESS</c>; otherwise tried again 15 s, 1 min, 5 min,
/// 30 min, 2 h and 6 h later (7 attempts), then marked failed for redelivery through the admin API.
/// The outbox is in the database, so a restart loses nothing; a delivery is marked delivered in the
/// same write that records its acknowledgement, so none acknowledged is sent again.
/// Several nodes: each pass takes its due deliveries in one write, moving their next attempt past
/// the lease (<see cref="PayHubOptions.LeaseMs"/>, at least the timeout plus a second), so each is
/// sent by one node; if that node dies, the delivery is due again when the lease ends. A result is
/// recorded only if the delivery still has the attempts it was taken with. On a sandbox, an agent with a clock of its
/// own (<c>/admin/sandbox/clock/risk/{agentNo}</c>) has its pushes due and retried by that clock.
/// </summary>
public sealed partial class RiskPushSender(
    Database database,
    GroupCommit groupCommit,
    SecretBox box,
    Sandbox.SandboxInbox inbox,
    Sandbox.BusinessClock businessClock,
    Sandbox.FaultInjection faults,
    IHttpClientFactory httpClients,
    IOptions<PayHubOptions> options,
    TimeProvider clock,
    ILogger<RiskPushSender> logger) : PeriodicWork(Every(options.Value.RiskPushIntervalMs), clock, logger)
{
    public const string HttpClientName = "risk-push";

    /// <summary>The waits after each failed attempt; one more attempt than waits.</summary>
    public static readonly TimeSpan[] RetrySchedule =
    [
        TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6),
    ];

    protected override Task RunOnceAsync(CancellationToken stoppingToken) => SendDueAsync(stoppingToken);

    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        var latestMs = businessClock.LatestNow().ToUnixTimeMilliseconds();
        var leaseMs = Math.Max(options.Value.EffectiveLeaseMs, options.Value.RiskPushTimeoutMs + 1000L);
        var due = await groupCommit.WriteAsync(scope =>
            RiskDeliveryStore.ClaimDue(scope, latestMs, agentNo => businessClock.NowOf(AgentClock(agentNo)).ToUnixTimeMilliseconds(), leaseMs));
        await Task.WhenAll(due.Select(d => SendAsync(d, cancellationToken)));
    }

    /// <summary>The clock an agent's pushes run on: its own on a sandbox where it has one (<c>risk:{agentNo}</c>).</summary>
    private static string AgentClock(string agentNo) => "risk:" + agentNo;

    private async Task SendAsync(RiskDelivery delivery, CancellationToken cancellationToken)
    {
        Sandbox.BusinessClock.Caller = AgentClock(delivery.AgentNo); // this delivery's flow only: its schedule is its agent's
        using var span = Telemetry.PayHubActivities.Push.StartActivity("risk push", System.Diagnostics.ActivityKind.Producer);
        span?.SetTag("payhub.agent", delivery.AgentNo).SetTag("payhub.delivery.attempt", delivery.Attempts + 1);
        string? error;
        if (delivery is not { Url: { } url, AccessId: { } accessId, SealedSecret: { } sealedSecret })
        {
            error = "the agent has no notify URL or accessid any more";
        }
        else
        {
            var fault = faults.NextPushFault(delivery.AgentNo)?.Kind;
            if (fault == "push-out-of-order")
            {
                // Held back a few seconds, no attempt counted: the agent's later pushes arrive before it.
                var until = businessClock.GetUtcNow().AddSeconds(3).ToUnixTimeMilliseconds();
                await groupCommit.WriteAsync(scope =>
                {
                    RiskDeliveryStore.Postpone(scope, delivery, until);
                    return true;
                });
                return;
            }

            var row = database.Read(db => RiskCaseStore.Find(db, delivery.CaseNo))!;
            var secret = Encoding.UTF8.GetString(box.Open(sealedSecret));
            var body = Payload(row, accessId, fault == "push-bad-signature" ? "sandbox fault: not the agent's secret" : secret, Clock.GetUtcNow());
            error = await PostAsync(url, body, cancellationToken);
            if (fault == "push-duplicate")
            {
                await PostAsync(url, body, cancellationToken); // the same message once more, as a network retry would
            }
        }

        var now = businessClock.GetUtcNow();
        var outcome = error is null ? "delivered" : delivery.Attempts + 1 > RetrySchedule.Length ? "failed" : "retry";
        Telemetry.PayHubMeter.PushDeliveries.Add(1, new KeyValuePair<string, object?>("payhub.outcome", outcome));
        span?.SetTag("payhub.outcome", outcome);
        await groupCommit.WriteAsync(scope =>
        {
            if (error is null)
            {
                RiskDeliveryStore.Delivered(scope, delivery, now);
            }
            else if (delivery.Attempts + 1 > RetrySchedule.Length)
            {
                RiskDeliveryStore.Failed(scope, delivery, error);
            }
            else
            {
                RiskDeliveryStore.Retry(scope, delivery, now + RetrySchedule[delivery.Attempts], error);
            }

            return true;
        });
        if (error is not null)
        {
            LogAttemptFailed(Logger, delivery.Id, delivery.Attempts + 1, error);
        }
    }

    /// <summary>The pushed message: the row's fields, accessid, timestamp (epoch ms) and sign.</summary>
    public static byte[] Payload(RiskCaseRow row, string accessId, string secret, DateTimeOffset now)
    {
        var unsigned = Write(row, accessId, now, null);
        using var document = JsonDocument.Parse(unsigned);
        return Write(row, accessId, now, RiskSign.Sign(document.RootElement, secret));
    }

    private static byte[] Write(RiskCaseRow row, string accessId, DateTimeOffset now, string? sign)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            row.WriteFields(json);
            json.WriteString("accessid", accessId);
            json.WriteNumber("timestamp", now.ToUnixTimeMilliseconds());
            if (sign is not null)
            {
                json.WriteString("sign", sign);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Null when the agent acknowledged, else why not.</summary>
    private async Task<string?> PostAsync(string url, byte[] body, CancellationToken cancellationToken)
    {
        if (Sandbox.SandboxInbox.IsInboxUrl(url))
        {
            // The sandbox's own inbox, handed the message directly: this node's address is not known to the demo data.
            if (!database.Sandbox)
            {
                return "not reachable: sandbox inbox URLs work only on a sandbox database";
            }

            var status = await inbox.ReceiveAsync(url[Sandbox.SandboxInbox.UrlPrefix.Length..], [new("Content-Type", "application/json; charset=utf-8")], body, cancellationToken);
            return status == StatusCodes.Status200OK ? null : $"HTTP {status}";
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(options.Value.RiskPushTimeoutMs));
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
            using var response = await httpClients.CreateClient(HttpClientName).PostAsync(url, content, timeout.Token);
            var answer = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            return Acknowledged(answer) ? null : "answer is neither return_code 10000 nor SUCCESS: " + (answer.Length > 100 ? answer[..100] : answer);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {options.Value.RiskPushTimeoutMs} ms";
        }
        catch (HttpRequestException e)
        {
            return "not reachable: " + e.Message;
        }
    }

    private static bool Acknowledged(string answer)
    {
        if (answer.Trim() == "SUCCESS")
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(answer);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("return_code", out var code)
                && (code.ValueKind == JsonValueKind.Number ? code.GetRawText() : code.GetString()) == "10000";
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException) // not JSON, or a string that is no text
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Risk push {DeliveryId}, attempt {Attempt}, not delivered: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, long deliveryId, int attempt, string error);
}
