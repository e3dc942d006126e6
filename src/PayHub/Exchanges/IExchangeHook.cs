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
    ValueTask ArrivedAsync(Exchange exchange) => ValueTask.CompletedTask;

    ValueTask AnsweringAsync(Exchange exchange) => ValueTask.CompletedTask;

    void Answered(Exchange exchange, AuditEntry entry)
    {
    }
}
