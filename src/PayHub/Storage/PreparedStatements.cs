using System.Data.Common;

namespace PayHub.Storage;

/// <summary>
/// A long-lived connection with its statements prepared once and reused with new parameter values:
/// on small statements, preparing is most of the cost. Parameters are positional, <c>@p0</c>, <c>@p1</c>, ….
/// </summary>
public class PreparedStatements(DbConnection connection, Database database) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _prepared = new(StringComparer.Ordinal);

    public DbConnection Connection { get; } = connection;

    /// <summary>The transaction statements run in; null outside one.</summary>
    public DbTransaction? Transaction { get; private set; }

    /// <summary>Runs a statement; returns the rows changed.</summary>
    public int Execute(string sql, params ReadOnlySpan<object?> values) => Bind(sql, values).ExecuteNonQuery();

    /// <summary>Runs a query and returns the first column of the first row, or null.</summary>
    public object? Scalar(string sql, params ReadOnlySpan<object?> values)
    {
        var result = Bind(sql, values).ExecuteScalar();
        return result is DBNull ? null : result;
    }

    /// <summary>Runs a query; the caller reads and disposes the reader.</summary>
    public DbDataReader Query(string sql, params ReadOnlySpan<object?> values) => Bind(sql, values).ExecuteReader();

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

    public void Dispose()
    {
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        _prepared.Clear();
        Connection.Dispose();
        GC.SuppressFinalize(this);
    }

    internal void Enter(DbTransaction? transaction) => Transaction = transaction;

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

/// <summary>What a group-committed write runs in: the writer's prepared statements inside the batch's transaction.</summary>
public sealed class WriteScope(DbConnection connection, Database database) : PreparedStatements(connection, database)
{
    public new DbTransaction Transaction => base.Transaction!;
}
