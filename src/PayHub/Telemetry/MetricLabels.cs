using System.Collections.Frozen;

namespace PayHub.Telemetry;

/// <summary>
/// The operations and codes of one family's contract, as metric labels: a value of the contract is itself, anything
/// else (an unknown TranCode, a path a client made up, an empty operation of an unreadable body) is <c>other</c>, so a
/// client cannot grow the number of series.
/// </summary>
public sealed class MetricLabels(IEnumerable<string> operations, IEnumerable<string> codes)
{
    public const string Other = "other";

    /// <summary>For a family that declares none: every operation and code is <c>other</c>.</summary>
    public static MetricLabels None { get; } = new([], []);

    private readonly FrozenSet<string> _operations = operations.ToFrozenSet(StringComparer.Ordinal);
    private readonly FrozenSet<string> _codes = codes.ToFrozenSet(StringComparer.Ordinal);

    public string Operation(string operation) => _operations.TryGetValue(operation, out var known) ? known : Other;

    public string Code(string code) => _codes.TryGetValue(code, out var known) ? known : Other;
}
