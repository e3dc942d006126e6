using System.Diagnostics;
using Microsoft.Extensions.Options;
using PayHub.Audit;
using PayHub.Hosting;
using PayHub.Storage;
using PayHub.Telemetry;

namespace PayHub.Exchanges;

/// <summary>
/// The one way in for every family's endpoint. Around what the family supplies
/// (<see cref="IPaymentInterface{TExchange, TAnswer}"/>) it keeps the request id and the clock, the
/// body limit and the callers' rate limits, turns an exception into the family's own system-error
/// answer, keeps the audit row (written with the effect by exchanges that have one; for the others
/// appended while the answer goes out, durable before the request ends; where the journal keeps raw bytes, the answer's
/// bytes as sent go with the next batch of writes), and calls every
/// <see cref="IExchangeHook"/>.
/// </summary>
public sealed partial class FrontDoor(
    CallerRateLimits rateLimits,
    AuditRecorder audit,
    Journal journal,
    IEnumerable<IExchangeHook> hooks,
    IOptions<PayHubOptions> options,
    TimeProvider clock,
    ILogger<FrontDoor> logger)
{
    private readonly IExchangeHook[] _hooks = [.. hooks];
    private readonly IExchangeHook[] _answerHooks = [.. hooks.Where(h => h.SeesAnswers)];

    public int MaxBodyBytes => options.Value.MaxBodyBytes;

    public Journal Journal => journal;

    public async Task HandleAsync<TExchange, TAnswer>(HttpContext http, IPaymentInterface<TExchange, TAnswer> family)
        where TExchange : Exchange
    {
        var exchange = family.Open(new ExchangeStart(http, this, clock.GetTimestamp()));
        // A span only where a tracer records it (a sampled trace): an unsampled request pays for no span of its own.
        using var started = PayHubActivities.OfFamily(exchange.Family).StartActivity(exchange.Family + " exchange");
        var activity = started is { IsAllDataRequested: true } ? started : null;
        activity?.SetTag("payhub.family", exchange.Family).SetTag("payhub.request_id", exchange.RequestId);
        TAnswer answer;
        try
        {
            foreach (var hook in _hooks)
            {
                await hook.ArrivedAsync(exchange);
            }

            answer = await family.AnswerAsync(exchange);
            foreach (var hook in _hooks)
            {
                await hook.AnsweringAsync(exchange);
            }

            if (exchange.Fault == AnswerFault.SystemError)
            {
                exchange.Refuse("sandbox-fault", "a sandbox fault set for this caller answered with the family's system error");
                answer = family.Failed(exchange);
                exchange.Audited = false;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            LogFailure(logger, e, exchange.Family, exchange.RequestId);
            exchange.Refuse("internal", $"{e.GetType().Name} while answering: the server log has the details under request {exchange.RequestId}");
            answer = family.Failed(exchange);
            exchange.Audited = false;
        }

        var entry = exchange.Audited && _answerHooks.Length == 0 && !logger.IsEnabled(LogLevel.Debug) ? null : journal.Complete(exchange, family.AuditOf(exchange, answer));
        var appendedAt = clock.GetTimestamp();
        var appended = exchange.Audited ? null : audit.RecordAsync(entry!);
        var capture = journal.KeepsRaw && exchange.RawBody is not null ? AnswerCapture.Start(http.Response) : null;
        // The client may hold the answer before its entry (or its bytes) is queued: this node's journal readers wait for it.
        using var writtenAfter = appended is not null || capture is not null ? audit.AnswerGoingOut() : null;
        try
        {
            await SendAsync(exchange, family, answer);
        }
        finally
        {
            var sent = capture?.Stop();
            if (appended is not null)
            {
                await appended;
                PayHubMeter.AuditAppendLag.Record(clock.GetElapsedTime(appendedAt).TotalSeconds);
            }

            if (sent is { Length: > 0 })
            {
                audit.KeepAnswerBytes(exchange.RequestId, exchange.Family, exchange.CredentialFields.Scrub(sent));
            }

            writtenAfter?.Dispose();
        }

        if (PayHubMeter.Requests.Enabled || activity is not null)
        {
            Measure(exchange, family, answer, entry, activity);
        }

        if (entry is not null)
        {
            foreach (var hook in _answerHooks)
            {
                hook.Answered(exchange, entry);
            }

            LogAnswer(logger, entry.Family, entry.Operation, entry.Caller, entry.Outcome, entry.RequestId);
        }
    }

    /// <summary>Counts the answer by family, operation and code, times it, and names the exchange's span after it.</summary>
    private void Measure<TExchange, TAnswer>(TExchange exchange, IPaymentInterface<TExchange, TAnswer> family, TAnswer answer, AuditEntry? entry, Activity? activity)
        where TExchange : Exchange
    {
        var outcome = entry is null ? family.OutcomeOf(exchange, answer) : new ExchangeOutcome(entry.Operation, entry.Outcome, entry.Refused, entry.RefusedBy);
        var labels = family.Labels;
        var operation = labels.Operation(outcome.Operation);
        var code = labels.Code(outcome.Code);
        var familyTag = new KeyValuePair<string, object?>("payhub.family", exchange.Family);
        var operationTag = new KeyValuePair<string, object?>("payhub.operation", operation);
        PayHubMeter.Requests.Add(1, familyTag, operationTag, new("payhub.code", code));
        PayHubMeter.RequestDuration.Record(clock.GetElapsedTime(exchange.StartedAt).TotalSeconds, familyTag, operationTag);
        if (outcome.Refused)
        {
            var check = exchange.RefusedBy.Length > 0 ? exchange.RefusedBy : outcome.RefusedBy.Length > 0 ? outcome.RefusedBy : "business";
            PayHubMeter.Refusals.Add(1, familyTag, new("payhub.check", check));
        }

        if (activity is not null)
        {
            activity.DisplayName = $"{exchange.Family} {operation}";
            activity.SetTag("payhub.operation", operation).SetTag("payhub.code", code);
            if (outcome.Refused)
            {
                activity.SetTag("payhub.refused_by", exchange.RefusedBy.Length > 0 ? exchange.RefusedBy : outcome.RefusedBy);
            }
        }
    }

    /// <summary>Sends the answer, or as a fault says: nothing, or its first half, then the connection closed.</summary>
    private static async Task SendAsync<TExchange, TAnswer>(TExchange exchange, IPaymentInterface<TExchange, TAnswer> family, TAnswer answer)
        where TExchange : Exchange
    {
        switch (exchange.Fault)
        {
            case AnswerFault.Drop:
                exchange.Http.Abort();
                return;
            case AnswerFault.Truncate:
                var response = exchange.Http.Response;
                var body = response.Body;
                using (var whole = new MemoryStream())
                {
                    response.Body = whole;
                    await family.SendAsync(exchange, answer);
                    response.Body = body;
                    await body.WriteAsync(whole.GetBuffer().AsMemory(0, (int)whole.Length / 2));
                    await body.FlushAsync();
                }

                exchange.Http.Abort();
                return;
            default:
                await family.SendAsync(exchange, answer);
                return;
        }
    }

    internal long ElapsedMs(long startedAt) => (long)clock.GetElapsedTime(startedAt).TotalMilliseconds;

    internal bool TryAcquireRate(string family, string caller, int? perSecond) => rateLimits.TryAcquire(family, caller, perSecond);

    internal void RecordAudit(WriteScope scope, AuditEntry entry) => audit.Record(scope, entry);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Family} request {RequestId} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string family, string requestId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Family} {Operation} from {Caller}: {Outcome} (request {RequestId})")]
    private static partial void LogAnswer(ILogger logger, string family, string operation, string caller, string outcome, string requestId);
}
