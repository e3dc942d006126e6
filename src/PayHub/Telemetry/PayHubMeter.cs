using System.Diagnostics.Metrics;

namespace PayHub.Telemetry;

/// <summary>
/// PayHub's own instruments, on one meter (<see cref="Name"/>), named by OpenTelemetry's conventions and exported to
/// Prometheus in its (<c>payhub_requests_total</c>, <c>payhub_request_duration_seconds</c>, …). Labels are of low
/// cardinality by construction: families, operations and codes of the contract (anything a client made up is
/// <c>other</c>: <see cref="MetricLabels"/>), checks, channels and caches named in code or by the operator; never a
/// caller's sequence number, a customer or an account. The meter is one per process, as a server is; nothing is
/// recorded until a listener (the OpenTelemetry SDK, <c>dotnet-counters</c>) asks.
/// </summary>
public static class PayHubMeter
{
    public const string Name = "PayHub";

    private static readonly Meter Meter = new(Name, typeof(PayHubMeter).Assembly.GetName().Version?.ToString());

    /// <summary>Seconds, in buckets that tell a sub-millisecond answer from a slow one.</summary>
    private static readonly InstrumentAdvice<double> SecondsAdvice = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "payhub.requests", "{request}", "Requests answered, by family, operation and answer code");

    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram(
        "payhub.request.duration", "s", "Time from a request's arrival to its answer being sent, by family and operation", advice: SecondsAdvice);

    public static readonly Counter<long> Refusals = Meter.CreateCounter<long>(
        "payhub.refusals", "{request}", "Requests refused, by family and by the check of the family's order that refused them");

    public static readonly Counter<long> RateLimitRejections = Meter.CreateCounter<long>(
        "payhub.rate_limit.rejections", "{request}", "Requests over their caller's rate limit, by family");

    public static readonly Histogram<long> GroupCommitBatchSize = Meter.CreateHistogram<long>(
        "payhub.group_commit.batch.size", "{write}", "Writes carried by one group-commit transaction",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });

    public static readonly Histogram<double> GroupCommitDuration = Meter.CreateHistogram(
        "payhub.group_commit.duration", "s", "Time to commit one batch and have it on disk", advice: SecondsAdvice);

    public static readonly Histogram<double> WriteLaneWait = Meter.CreateHistogram(
        "payhub.write_lane.wait", "s", "Time a write waits in the write queue for its batch (SQLite) or a free writer (PostgreSQL) to start it", advice: SecondsAdvice);

    public static readonly Histogram<double> AuditAppendLag = Meter.CreateHistogram(
        "payhub.audit.append.lag", "s", "Time from an answer to its journal and audit row being on disk, for answers without an effect", advice: SecondsAdvice);

    public static readonly Counter<long> ChannelCalls = Meter.CreateCounter<long>(
        "payhub.channel.calls", "{call}", "Calls to payment channels, by channel and outcome (answered, timed_out, unavailable)");

    public static readonly Histogram<double> ChannelCallDuration = Meter.CreateHistogram(
        "payhub.channel.call.duration", "s", "Time a channel took to answer, by channel", advice: SecondsAdvice);

    public static readonly Counter<long> WriteRetries = Meter.CreateCounter<long>(
        "payhub.db.write_retries", "{retry}", "Write transactions run again after PostgreSQL broke a deadlock or a serialization conflict, or after another writer inserted their row, by reason");

    public static readonly Counter<long> UnmappedCodes = Meter.CreateCounter<long>(
        "payhub.dsp.unmapped_codes", "{code}", "Channel codes with no entry in the channel's code map (answered EC999), by channel");

    public static readonly Counter<long> PushDeliveries = Meter.CreateCounter<long>(
        "payhub.push.deliveries", "{attempt}", "Risk-case push attempts, by outcome (delivered, retry, failed)");

    public static readonly Counter<long> ResolverSettled = Meter.CreateCounter<long>(
        "payhub.resolver.settled", "{agreement}", "Unknown channel outcomes the resolver asked the channel about, by outcome (settled, still_unknown)");

    public static readonly Counter<long> CacheLookups = Meter.CreateCounter<long>(
        "payhub.cache.lookups", "{lookup}", "Look-ups of the short-lived caches, by cache and result (hit, miss)");
}
