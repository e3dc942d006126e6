using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace PayHub.Storage;

/// <summary>
/// A long-lived connection with its statements prepared once and reused with new parameter values:
/// on small statements, preparing is most of the cost. Parameters are positional, <c>@p0</c>, <c>@p1</c>, ….
/// </summary>
public class PreparedStatements(DbConnection connection, Database database) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _prepared = new(StringComparer.Ordinal);
    private readonly List<(string Sql, object?[] Values, bool MustInsert)> _appended = [];
    private readonly List<bool> _mustInsert = [];

    /// <summary>The batch of the last query that carried held-back statements: its reader is the caller's, the batch this one's to dispose.</summary>
    private DbBatch? _queryBatch;

    /// <summary>SQLite: the statements that change rows, run straight on its handle; made at the first.</summary>
    private SqliteDirectStatements? _direct;

    public DbConnection Connection { get; } = connection;

    /// <summary>The transaction statements run in; null outside one.</summary>
    public DbTransaction? Transaction { get; private set; }

    /// <summary>The engine's row-lock clauses, for a statement of a write (<see cref="RowLocks"/>).</summary>
    public RowLocks Locks => RowLocks.Of(database.Engine);

    /// <summary>
    /// Whether an insert of <see cref="InsertIfNew"/> may be assumed to insert and sent later: set for the writes of a
    /// PostgreSQL batch committed together, where a wrong guess undoes the whole batch and runs it again without guessing.
    /// </summary>
    public bool AssumesInsertsNew { get; private set; }

    /// <summary>Set when a guess of <see cref="InsertIfNew"/> proved wrong: the batch is to run again without guessing.</summary>
    public bool InsertWasNotNew { get; private set; }

    /// <summary>Runs a statement; returns the rows changed.</summary>
    public int Execute(string sql, params ReadOnlySpan<object?> values)
    {
        if (_appended.Count > 0)
        {
            return ExecuteWithAppended(sql, values);
        }

        // SQLite, in a transaction: straight on its handle when the statement allows (SqliteDirectStatements).
        if (Transaction is not null && Connection is SqliteConnection sqlite)
        {
            _direct ??= new SqliteDirectStatements(sqlite);
            if (_direct.TryExecute(sql, values, out var changed))
            {
                return changed;
            }
        }

        return Bind(sql, values).ExecuteNonQuery();
    }

    /// <summary>Runs a script of several statements once, unprepared and without parameters (a migration).</summary>
    public void ExecuteScript(string sql)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a query and returns the first column of the first row, or null.</summary>
    public object? Scalar(string sql, params ReadOnlySpan<object?> values)
    {
        if (_appended.Count > 0)
        {
            using var reader = QueryWithAppended(sql, values);
            return reader.Read() && !reader.IsDBNull(0) ? reader.GetValue(0) : null;
        }

        var result = Bind(sql, values).ExecuteScalar();
        return result is DBNull ? null : result;
    }

    /// <summary>
    /// Runs a query; the caller reads and disposes the reader. Statements held back (<see cref="Append"/>) go first, in
    /// the same round trip, so the query sees them.
    /// </summary>
    public DbDataReader Query(string sql, params ReadOnlySpan<object?> values) =>
        _appended.Count > 0 ? QueryWithAppended(sql, values) : Bind(sql, values).ExecuteReader();

    /// <summary>Runs a query and maps every row with Dapper's row parser: a record or class by column name, a tuple by position, a single column to its type.</summary>
    public List<T> Rows<T>(string sql, params ReadOnlySpan<object?> values)
    {
        using var reader = Query(sql, values);
        return [.. reader.Parse<T>()];
    }

    /// <summary>The first row, mapped as by <see cref="Rows{T}"/>; default when there is none.</summary>
    public T? Row<T>(string sql, params ReadOnlySpan<object?> values)
    {
        using var reader = Query(sql, values);
        return reader.Parse<T>().FirstOrDefault();
    }

    /// <summary>
    /// Runs a query without holding a thread while PostgreSQL answers (SQLite answers on the calling thread, at once);
    /// the caller reads the reader (<c>ReadAsync</c>) and disposes it.
    /// </summary>
    public ValueTask<DbDataReader> QueryAsync(string sql, params ReadOnlySpan<object?> values)
    {
        if (_appended.Count > 0)
        {
            return ValueTask.FromResult(QueryWithAppended(sql, values));
        }

        var command = Bind(sql, values);
        return database.Engine == DatabaseEngine.Sqlite
            ? ValueTask.FromResult(command.ExecuteReader())
            : new ValueTask<DbDataReader>(command.ExecuteReaderAsync());
    }

    /// <summary>As <see cref="Scalar"/>, without holding a thread while PostgreSQL answers.</summary>
    public async ValueTask<object?> ScalarAsync(string sql, params object?[] values)
    {
        if (_appended.Count > 0)
        {
            return Scalar(sql, values);
        }

        var command = Bind(sql, values);
        var result = database.Engine == DatabaseEngine.Sqlite ? command.ExecuteScalar() : await command.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }

    /// <summary>
    /// A statement whose result the write does not read (an audit or history row, the SMS outbox, a change of a row the
    /// write has locked). SQLite runs it at once; PostgreSQL holds it back and sends it in one round trip with the
    /// write's (or the batch's) next statement, a query included, or before the commit, so that it costs no round trip of
    /// its own; what runs after it sees it. It is part of the transaction either way, and a failure of it fails the
    /// statement it travelled with.
    /// </summary>
    public void Append(string sql, params ReadOnlySpan<object?> values)
    {
        if (database.Engine == DatabaseEngine.Sqlite || Transaction is null)
        {
            Execute(sql, values);
            return;
        }

        _appended.Add((sql, values.ToArray(), false));
    }

    /// <summary>
    /// An <c>INSERT … ON CONFLICT DO NOTHING</c> of a key that is almost always new (a register's TranSeq or ReqSeqID);
    /// true when it inserted. In a PostgreSQL batch (<see cref="AssumesInsertsNew"/>) it is assumed to insert and travels
    /// like an appended statement, without a round trip of its own; if it then inserts nothing, the batch fails
    /// (<see cref="InsertWasNotNew"/>) and runs again without the assumption, where this returns what the insert did.
    /// Anything the write reads of the key before the batch is sent is as if the insert had not run, so a write that
    /// looks for the key afterwards must insert it with this too (or with <see cref="Execute"/>, which sends it first).
    /// </summary>
    public bool InsertIfNew(string sql, params ReadOnlySpan<object?> values)
    {
        if (!AssumesInsertsNew)
        {
            return Execute(sql, values) == 1;
        }

        _appended.Add((sql, values.ToArray(), true));
        return true;
    }

    /// <summary>Sends the appended statements that are still waiting (one round trip); called before a commit.</summary>
    public void SendAppended()
    {
        if (_appended.Count > 0)
        {
            using var batch = AppendedBatch(out var mustInsert);
            batch.ExecuteNonQuery();
            Check(batch, mustInsert);
        }
    }

    /// <summary>
    /// Runs several reads in one read transaction: they see one state of the database (and SQLite
    /// checks its page cache against the log once instead of once per statement).
    /// </summary>
    public T InOneSnapshot<T>(Func<T> reads)
    {
        using var transaction = database.BeginSnapshot(Connection);
        Enter(transaction);
        try
        {
            return reads();
        }
        finally
        {
            transaction.Commit();
            Enter(null);
        }
    }

    /// <summary>As <see cref="InOneSnapshot{T}"/>, for reads written with the asynchronous calls; the read transaction ends without holding a thread either.</summary>
    public async ValueTask<T> InOneSnapshotAsync<T>(Func<ValueTask<T>> reads)
    {
        using var transaction = database.BeginSnapshot(Connection);
        Enter(transaction);
        try
        {
            return await reads();
        }
        finally
        {
            if (database.Engine == DatabaseEngine.Sqlite)
            {
                transaction.Commit();
            }
            else
            {
                await transaction.CommitAsync();
            }

            Enter(null);
        }
    }

    public void Dispose()
    {
        _queryBatch?.Dispose();
        _direct?.Dispose();
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        _prepared.Clear();
        Connection.Dispose();
        GC.SuppressFinalize(this);
    }

    internal void Enter(DbTransaction? transaction, bool assumeInsertsNew = false)
    {
        // Statements appended in a transaction that was rolled back are gone with it.
        _appended.Clear();
        _queryBatch?.Dispose();
        _queryBatch = null;
        Transaction = transaction;
        AssumesInsertsNew = assumeInsertsNew && transaction is not null && database.Engine == DatabaseEngine.PostgreSql;
        InsertWasNotNew = false;
    }

    /// <summary>
    /// The appended statements and this query as one batch (the reader skips the statements that return no rows); the
    /// batch is failed as <see cref="SendAppended"/> would fail it when an insert assumed new inserted nothing.
    /// </summary>
    private DbDataReader QueryWithAppended(string sql, ReadOnlySpan<object?> values)
    {
        _queryBatch?.Dispose();
        _queryBatch = AppendedBatch(out var mustInsert);
        Add(_queryBatch, sql, values);
        var reader = _queryBatch.ExecuteReader();
        try
        {
            Check(_queryBatch, mustInsert);
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        return reader;
    }

    /// <summary>The appended statements and this one as one batch; the rows this one changed.</summary>
    private int ExecuteWithAppended(string sql, ReadOnlySpan<object?> values)
    {
        using var batch = AppendedBatch(out var mustInsert);
        Add(batch, sql, values);
        batch.ExecuteNonQuery();
        Check(batch, mustInsert);
        return batch.BatchCommands[^1].RecordsAffected;
    }

    /// <summary>The appended statements as one batch, no longer waiting (sent or failed, they are not sent again).</summary>
    private DbBatch AppendedBatch(out bool mustInsert)
    {
        var batch = Connection.CreateBatch();
        batch.Transaction = Transaction;
        mustInsert = false;
        foreach (var (sql, values, insert) in _appended)
        {
            Add(batch, sql, values);
            mustInsert |= insert;
        }

        if (mustInsert)
        {
            _mustInsert.Clear();
            _mustInsert.AddRange(_appended.Select(a => a.MustInsert));
        }

        _appended.Clear();
        return batch;
    }

    /// <summary>Fails the batch when an insert assumed new inserted nothing.</summary>
    private void Check(DbBatch batch, bool mustInsert)
    {
        if (mustInsert && Enumerable.Range(0, _mustInsert.Count).Any(i => _mustInsert[i] && batch.BatchCommands[i].RecordsAffected != 1))
        {
            InsertWasNotNew = true;
            throw new ConcurrentInsertException("a key assumed new was there already: the batch runs again without the assumption");
        }
    }

    private static void Add(DbBatch batch, string sql, ReadOnlySpan<object?> values)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        batch.BatchCommands.Add(command);
    }

    private DbCommand Bind(string sql, ReadOnlySpan<object?> values)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                command.Parameters.Add(parameter);
            }

            if (database.Engine == DatabaseEngine.Sqlite)
            {
                // PostgreSQL: Npgsql prepares a statement once it is reused (Max Auto Prepare), with the parameters' types.
                command.Prepare();
            }

            _prepared[sql] = command;
        }

        command.Transaction = Transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }
}
