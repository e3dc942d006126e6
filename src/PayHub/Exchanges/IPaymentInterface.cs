using PayHub.Audit;

namespace PayHub.Exchanges;

/// <summary>
/// What a family supplies to the <see cref="FrontDoor"/>: everything that is its own — how to read
/// the caller, decode, check and answer a request (<see cref="AnswerAsync"/>), its system-error answer,
/// its audit row, and how an answer is encoded, signed and sent.
/// </summary>
public interface IPaymentInterface<TExchange, TAnswer>
    where TExchange : Exchange
{
    TExchange Open(ExchangeStart start);

    /// <summary>The answer to the request, refusals included. An exchange with an effect writes its audit row with it (<see cref="Exchange.RecordAudit"/>).</summary>
    Task<TAnswer> AnswerAsync(TExchange exchange);

    /// <summary>The family's own system-error answer, when answering threw.</summary>
    TAnswer Failed(TExchange exchange);

    AuditEntry AuditOf(TExchange exchange, TAnswer answer);

    /// <summary>The family's operations and answer codes, which metrics name as they are (anything else is <c>other</c>).</summary>
    Telemetry.MetricLabels Labels => Telemetry.MetricLabels.None;

    /// <summary>What metrics and the exchange's span record of an answer; by default read off its audit row.</summary>
    ExchangeOutcome OutcomeOf(TExchange exchange, TAnswer answer)
    {
        var entry = AuditOf(exchange, answer);
        return new ExchangeOutcome(entry.Operation, entry.Outcome, entry.Refused, entry.RefusedBy);
    }

    /// <summary>Encodes, signs where the family signs, and writes the answer to the response.</summary>
    Task SendAsync(TExchange exchange, TAnswer answer);
}
