using PayHub.Storage;

namespace PayHub.Sandbox;

/// <summary><c>sandbox_clocks</c>: the business time of the whole sandbox (<c>*</c>) and of single callers (<c>family:caller</c>).</summary>
public sealed class SandboxClockStore(Database database)
{
    public Dictionary<string, ClockSetting> All() =>
        database.Read(db => db.Rows<(string Scope, long OffsetMs, string? FrozenAt)>("SELECT scope, offset_ms, frozen_at FROM sandbox_clocks"))
            .ToDictionary(
                row => row.Scope,
                row => new ClockSetting(row.OffsetMs, row.FrozenAt is null ? null : DateTimeOffset.Parse(row.FrozenAt, System.Globalization.CultureInfo.InvariantCulture)),
                StringComparer.Ordinal);

    public void Set(string scope, ClockSetting setting) =>
        database.Write(scope2 => scope2.Execute(
            """
            INSERT INTO sandbox_clocks (scope, offset_ms, frozen_at) VALUES (@p0, @p1, @p2)
            ON CONFLICT (scope) DO UPDATE SET offset_ms = excluded.offset_ms, frozen_at = excluded.frozen_at
            """,
            scope, setting.OffsetMs, setting.FrozenAt?.ToString("O")));

    /// <summary>False when that scope had no clock of its own.</summary>
    public bool Remove(string scope) => database.Write(write => write.Execute("DELETE FROM sandbox_clocks WHERE scope = @p0", scope)) == 1;
}
