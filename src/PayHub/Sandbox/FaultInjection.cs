using PayHub.Audit;
using PayHub.Exchanges;
using PayHub.Storage;

namespace PayHub.Sandbox;

/// <summary>
/// On a sandbox, just before an admitted caller's answer goes out (its effect, if any, made): applies the fault
/// set for that caller — a delay (asynchronous, holding no thread), the family's system error, no answer, or
/// half of one — and records it in the audit trail (family <c>sandbox</c>, operation <c>fault</c>, the
/// exchange's request id). Which callers have faults is re-read every second, at once after a change here.
/// </summary>
public sealed class FaultInjection(Database database, SandboxFaultStore store, AuditRecorder audit, TimeProvider clock) : IExchangeHook
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);

    private (long ReadAt, HashSet<string> Scopes)? _faulted;

    public bool SeesAnswers => false;

    public void Forget() => _faulted = null;

    public async ValueTask AnsweringAsync(Exchange exchange)
    {
        if (!database.Sandbox || exchange.AdmittedCaller is not { } caller)
        {
            return;
        }

        var scope = exchange.Family + ":" + caller;
        if (!Faulted().Contains(scope) || store.Next(scope) is not { } fault)
        {
            return;
        }

        await audit.RecordAsync(new AuditEntry(
            "sandbox", "fault", scope, fault.Seen.ToString(System.Globalization.CultureInfo.InvariantCulture), fault.Kind, 0, exchange.RequestId, "{}", "{}"));
        switch (fault.Kind)
        {
            case "latency":
                await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), exchange.Http.RequestAborted);
                break;
            case "system-error":
                exchange.Fault = AnswerFault.SystemError;
                break;
            case "drop":
                exchange.Fault = AnswerFault.Drop;
                break;
            case "truncate":
                exchange.Fault = AnswerFault.Truncate;
                break;
        }
    }

    private HashSet<string> Faulted()
    {
        if (_faulted is { } cached && clock.GetElapsedTime(cached.ReadAt) < Fresh)
        {
            return cached.Scopes;
        }

        var scopes = store.All().Select(f => f.Scope).ToHashSet(StringComparer.Ordinal);
        _faulted = (clock.GetTimestamp(), scopes);
        return scopes;
    }
}
