using PayHub.Storage;

namespace PayHub.Sandbox;

/// <summary><c>sandbox_faults</c>: the faults set for single callers, and the count of each one's requests since.</summary>
public sealed class SandboxFaultStore(Database database)
{
    private const string Columns = "scope AS Scope, kind AS Kind, delay_ms AS DelayMs, remaining AS Remaining, fraction AS Fraction, seed AS Seed, seen AS Seen";

    public List<FaultView> All() => database.Read(db => db.Rows<FaultView>($"SELECT {Columns} FROM sandbox_faults ORDER BY scope"));

    public void Set(string scope, FaultChange change) =>
        database.Write(write => write.Execute(
            """
            INSERT INTO sandbox_faults (scope, kind, delay_ms, remaining, fraction, seed, seen) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, 0)
            ON CONFLICT (scope) DO UPDATE SET kind = excluded.kind, delay_ms = excluded.delay_ms, remaining = excluded.remaining,
                fraction = excluded.fraction, seed = excluded.seed, seen = 0
            """,
            scope, change.Kind, change.DelayMs ?? 0, change.Count, change.Fraction, change.Seed ?? 0));

    public bool Remove(string scope) => database.Write(write => write.Execute("DELETE FROM sandbox_faults WHERE scope = @p0", scope)) == 1;

    /// <summary>
    /// Counts one more request (or push) of the caller and decides whether it is faulted: its fault, or null. A fault
    /// of another kind than <paramref name="kinds"/> (a push fault, asked about a request) neither counts nor fires.
    /// </summary>
    public FaultView? Next(string scope, IReadOnlyCollection<string> kinds) => database.Write(write =>
    {
        // Locked: the caller's requests on every node count one after another.
        var fault = write.Row<FaultView>($"SELECT {Columns} FROM sandbox_faults WHERE scope = @p0{write.Locks.ForUpdate}", scope);
        if (fault is null || !kinds.Contains(fault.Kind))
        {
            return null;
        }

        var seen = fault.Seen + 1;
        var faulted = fault.Remaining is { } remaining
            ? remaining > 0
            : new Random(unchecked((int)(fault.Seed * 1_000_003 + seen))).NextDouble() < (fault.Fraction ?? 0);
        write.Execute(
            "UPDATE sandbox_faults SET seen = @p1, remaining = @p2 WHERE scope = @p0",
            scope, seen, fault.Remaining is { } left && faulted ? left - 1 : fault.Remaining);
        return faulted ? fault with { Seen = seen } : null;
    });
}
