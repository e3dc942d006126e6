using System.Diagnostics.Metrics;
using PayHub.Agreements.Channels;
using PayHub.Agreements;
using PayHub.RiskCases;
using PayHub.Storage;
using Polly.CircuitBreaker;

namespace PayHub.Telemetry;

/// <summary>
/// What an operator watches that is a state rather than an event: the push outbox (waiting, given up, how overdue),
/// the resolver's backlog of unknown outcomes, and each http channel's circuit breaker. Read when a collector asks,
/// at most every few seconds from the database (through partial indexes), so a frequent scrape costs little.
/// </summary>
public sealed class OperationalGauges : IDisposable
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly Meter _meter;
    private readonly Database _database;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private (long Pending, long Failed, long OverdueMs, long Unknown) _sample;
    private long _sampledAt = long.MinValue;

    public OperationalGauges(IMeterFactory meters, Database database, HttpChannel httpChannel, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
        _meter = meters.Create(PayHubMeter.Name);
        _meter.CreateObservableGauge<long>("payhub.push.outbox.depth", () =>
        {
            var sample = Sample();
            return (IEnumerable<Measurement<long>>)[new Measurement<long>(sample.Pending, new KeyValuePair<string, object?>("payhub.state", "pending")),
                new Measurement<long>(sample.Failed, new KeyValuePair<string, object?>("payhub.state", "failed"))];
        }, "{delivery}", "Risk-case pushes waiting to be delivered (pending) and given up on until redelivered (failed)");
        _meter.CreateObservableGauge<double>("payhub.push.outbox.overdue", () => Sample().OverdueMs / 1000.0, "s",
            "How far the most overdue pending push is past its time (0: none is late)");
        _meter.CreateObservableGauge<long>("payhub.resolver.backlog", () => Sample().Unknown, "{agreement}",
            "Agreements whose channel outcome is unknown, waiting for the resolver");
        _meter.CreateObservableGauge<int>("payhub.channel.circuit.state", () => httpChannel.CircuitStates.Select(state =>
            new Measurement<int>(state.Value switch { CircuitState.Open => 1, CircuitState.HalfOpen => 2, CircuitState.Isolated => 3, _ => 0 },
                new KeyValuePair<string, object?>("payhub.channel", state.Key))),
            "{state}", "Each http channel's circuit breaker: 0 closed, 1 open, 2 half-open, 3 isolated");
    }

    public void Dispose() => _meter.Dispose();

    private (long Pending, long Failed, long OverdueMs, long Unknown) Sample()
    {
        lock (_gate)
        {
            if (_sampledAt != long.MinValue && _clock.GetElapsedTime(_sampledAt) < Freshness)
            {
                return _sample;
            }

            try
            {
                var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
                _sample = _database.Read(db =>
                {
                    var (pending, failed, overdue) = RiskDeliveryStore.Depth(db, now);
                    return (pending, failed, overdue, AgreementStore.UnknownCount(db));
                });
            }
#pragma warning disable CA1031 // a collector's scrape must not fail because the database does not answer: the last sample stands
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            _sampledAt = _clock.GetTimestamp();
            return _sample;
        }
    }
}
