namespace PayHub.Storage;

/// <summary>
/// What a write locks, in each engine's SQL, written once here for every family store: PostgreSQL's row locks; nothing
/// on SQLite, whose one writer already holds the whole database for its transaction (and which has no such clause).
/// A store appends the fragment to its <c>SELECT</c>: <c>$"SELECT … FROM t WHERE …{scope.Locks.ForUpdate}"</c>.
/// </summary>
public sealed class RowLocks
{
    private static readonly RowLocks Postgres = new(true);
    private static readonly RowLocks Sqlite = new(false);
    private readonly bool _rows;

    private RowLocks(bool rows) => _rows = rows;

    public static RowLocks Of(DatabaseEngine engine) => engine == DatabaseEngine.PostgreSql ? Postgres : Sqlite;

    /// <summary>The rows read are this transaction's until it ends: another write of them waits.</summary>
    public string ForUpdate => _rows ? " FOR UPDATE" : "";

    /// <summary>
    /// The rows of <paramref name="table"/> (its name or alias in the query) read stay as they are until this transaction
    /// ends: another transaction's change of them waits (and one already made is what this read sees), other readers
    /// that share them do not.
    /// </summary>
    public string ForShareOf(string table) => _rows ? $" FOR SHARE OF {table}" : "";

    /// <summary>
    /// A claim: the rows of <paramref name="table"/> (its name or alias in the query) that no other transaction holds
    /// become this one's, and those another holds are left to it, so that nodes claiming work never wait on each other
    /// and never take the same row.
    /// </summary>
    public string SkipLocked(string table) => _rows ? $" FOR UPDATE OF {table} SKIP LOCKED" : "";
}
