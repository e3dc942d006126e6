using PayHub.Audit;
using PayHub.Exchanges;
using PayHub.Storage;

namespace PayHub.Sandbox;

/// <summary>
/// Reads a sandbox trigger from the field a family carries it in (<see cref="TriggerCatalogue"/>), once the
/// request is authenticated and readable. On a database that is not a sandbox it finds none, whatever the value:
/// a production PayHub cannot be steered by a magic value. A trigger found is recorded in the audit trail
/// (family <c>sandbox</c>, operation <c>trigger</c>, the exchange's request id); a delay is waited here,
/// asynchronously; a drop marks the exchange so that its answer is never sent.
/// </summary>
public sealed class SandboxTriggers(Database database, AuditRecorder audit, IEnumerable<TriggerCatalogue> catalogues)
{
    private readonly Dictionary<string, TriggerCatalogue> _byFamily = catalogues.ToDictionary(c => c.Family, StringComparer.Ordinal);

    public IEnumerable<TriggerCatalogue> Catalogues => _byFamily.Values;

    /// <summary>The trigger the value asks for on this exchange's operation, its delay already waited; null when none.</summary>
    public async ValueTask<SandboxTrigger?> ReadAsync(Exchange exchange, string operation, string? value)
    {
        if (value is null || !database.Sandbox || !value.StartsWith(TriggerCatalogue.Prefix, StringComparison.Ordinal)
            || !_byFamily.TryGetValue(exchange.Family, out var catalogue) || catalogue.Match(operation, value) is not { } trigger)
        {
            return null;
        }

        exchange.Trigger = trigger;
        await audit.RecordAsync(new AuditEntry(
            "sandbox", "trigger", exchange.Family + ":" + exchange.AdmittedCaller, value, trigger.Code ?? trigger.Kind.ToString(), 0, exchange.RequestId, "{}", "{}"));
        if (trigger.Code is { } code)
        {
            exchange.Refuse("sandbox-trigger", $"{catalogue.Carrier} {value} is a sandbox trigger: it answers {code}");
        }

        switch (trigger.Kind)
        {
            case TriggerKind.Delay:
                await Task.Delay(TimeSpan.FromSeconds(trigger.Seconds), exchange.Http.RequestAborted);
                break;
            case TriggerKind.Drop:
                exchange.Fault = AnswerFault.Drop;
                break;
        }

        return trigger;
    }
}
