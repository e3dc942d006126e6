namespace PayHub.Cli.Conformance;

/// <summary>
/// One case of the contract: what it checks (<see cref="Title"/>), the sentence of SPEC.md it checks
/// (<see cref="Contract"/>), and how (<see cref="Run"/>), which throws <see cref="CaseFailed"/> when the implementation
/// answers otherwise and <see cref="CaseNotRun"/> when the case cannot be provoked from outside with the profile's data.
/// </summary>
public sealed record ConformanceCase(string Id, string Title, string Contract, Func<CaseContext, Task> Run);

public enum CaseOutcome
{
    Passed,
    Failed,
    NotRun,
}

/// <summary>One request a case sent and what came back, as a person reads them in the report.</summary>
public sealed record RecordedExchange(string Sent, string Received);

/// <summary>How a case ended, why, and every exchange it made.</summary>
public sealed record CaseResult(ConformanceCase Case, CaseOutcome Outcome, string Reason, IReadOnlyList<RecordedExchange> Exchanges, TimeSpan Duration);

/// <summary>The implementation answered against the contract: the message says what was expected and what came.</summary>
public sealed class CaseFailed(string message) : Exception(message);

/// <summary>The case needs data the profile does not name (or a step before it did not give it): reported as not run, never as passed.</summary>
public sealed class CaseNotRun(string message) : Exception(message);

/// <summary>What a running case has: the wire to the implementation, the caller's clock, and its record of exchanges.</summary>
public sealed class CaseContext(ConformanceWire wire, TimeProvider clock)
{
    public ConformanceWire Wire { get; } = wire;

    public TimeProvider Clock { get; } = clock;

    public List<RecordedExchange> Exchanges { get; } = [];

    /// <summary>Fails the case with <paramref name="why"/> unless <paramref name="condition"/> holds.</summary>
    public static void Expect(bool condition, string why)
    {
        if (!condition)
        {
            throw new CaseFailed(why);
        }
    }

    /// <summary>Fails unless <paramref name="actual"/> is <paramref name="expected"/>, naming both.</summary>
    public static void ExpectEqual(string? expected, string? actual, string what)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new CaseFailed($"{what}: expected {Show(expected)}, got {Show(actual)}");
        }
    }

    /// <summary>The value, or a <see cref="CaseNotRun"/> naming the profile entry that would give it.</summary>
    public static string Need(string? value, string profileEntry) =>
        string.IsNullOrEmpty(value) ? throw new CaseNotRun($"the profile names no {profileEntry}") : value;

    private static string Show(string? value) => value is null ? "nothing" : $"'{value}'";
}
