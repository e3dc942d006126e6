using PayHub.Audit;

namespace PayHub.Exchanges;

/// <summary>
/// A mechanism that sees every exchange of every family at the <see cref="FrontDoor"/>: when it arrives
/// (before the family reads it), when its answer is ready to go out (its effect and audit row already
/// written), and once it was answered, with its audit row. Throwing before the answer is sent answers
/// with the family's system error.
/// </summary>
public interface IExchangeHook
{
    /// <summary>Whether <see cref="Answered"/> is wanted: the front door builds the audit row for it even when the effect's write already kept one.</summary>
    bool SeesAnswers => true;

    ValueTask ArrivedAsync(Exchange exchange) => ValueTask.CompletedTask;

    ValueTask AnsweringAsync(Exchange exchange) => ValueTask.CompletedTask;

    void Answered(Exchange exchange, AuditEntry entry)
    {
    }
}
