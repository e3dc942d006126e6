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
public sealed class FaultInjection(Database database, SandboxFaultStore store, AuditRecorder audit) : IExchangeHook, IDisposable
{
    /// <summary>The faults of answers; the others (push-…) are the push sender's.</summary>
    public static readonly string[] AnswerKinds = ["latency", "drop", "system-error", "truncate", "bad-signature"];

    /// <summary>The faults of the risk pushes an agent receives.</summary>
    public static readonly string[] PushKinds = ["push-bad-signature", "push-duplicate", "push-out-of-order"];

    private readonly Hosting.ShortLivedCache<bool, HashSet<string>> _faulted = new("sandbox-faults", TimeSpan.FromSeconds(1));

    public bool SeesAnswers => false;

    public void Forget() => _faulted.Clear();

    public void Dispose() => _faulted.Dispose();

    public async ValueTask AnsweringAsync(Exchange exchange)
    {
        if (!database.Sandbox || exchange.AdmittedCaller is not { } caller)
        {
            return;
        }

        var scope = exchange.Family + ":" + caller;
        if (!HasFault(scope) || store.Next(scope, AnswerKinds) is not { } fault)
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
            case "bad-signature":
                exchange.Fault = AnswerFault.BadSignature;
                break;
        }
    }

    /// <summary>Whether the caller (<c>family:caller</c>) has a fault set, as this node last read (within a second).</summary>
    public bool HasFault(string scope) =>
        database.Sandbox && _faulted.GetOrAdd(true, _ => store.All().Select(f => f.Scope).ToHashSet(StringComparer.Ordinal)).Contains(scope);

    /// <summary>The push fault that applies to this push to the agent, counted; null when none.</summary>
    public FaultView? NextPushFault(string agentNo)
    {
        var scope = "risk:" + agentNo;
        return HasFault(scope) ? store.Next(scope, PushKinds) : null;
    }
}
