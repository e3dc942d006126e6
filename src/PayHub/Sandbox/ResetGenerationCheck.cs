using PayHub.Exchanges;
using PayHub.Storage;

namespace PayHub.Sandbox;

/// <summary>
/// On a sandbox, before every exchange: if any node reset the database since this node last looked, its cached
/// callers and channels are dropped first, so no answer comes from a cache filled before the reset. Not asked while the
/// node hears resets as they happen (<see cref="ResetNotices"/>, PostgreSQL).
/// </summary>
public sealed class ResetGenerationCheck(Database database, SandboxReset reset) : IExchangeHook
{
    public bool SeesAnswers => false;

    public ValueTask ArrivedAsync(Exchange exchange) => database.Sandbox && !reset.HearsResets ? reset.CatchUpAsync() : ValueTask.CompletedTask;
}
