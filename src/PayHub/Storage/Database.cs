using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PayHub.Storage;

/// <summary>
/// The one connection factory: every family opens its connections here, and everything that differs
/// between the engines is decided in this one place (and in the migrations of each dialect).
/// One data-access style: every statement runs through <see cref="PreparedStatements"/> (positional
/// <c>@p0</c>… parameters; on SQLite prepared once per connection and reused, PostgreSQL prepares
/// them itself once reused), rows mapped to records and tuples by Dapper's row parser
/// (<see cref="PreparedStatements.Rows{T}"/>). Reads run in <see cref="Read{T}"/> on a leased connection;
/// writes through <see cref="GroupCommit"/> on the request paths and <see cref="Write{T}"/>
/// elsewhere (the admin API, start-up), both begun by <see cref="BeginWrite"/>. SQL lives only in this
/// folder and in each family's <c>Store/</c> folder.
/// SQLite: a file in WAL mode, pooled connections, foreign keys on the group-commit writer.
/// PostgreSQL: an Npgsql data source (its pool, statements prepared automatically once reused).
/// </summary>
public sealed class Database : IDisposable
{
    private const int MaxIdleReaders = 32;

    /// <summary>The most writer connections a node runs at once on PostgreSQL, whatever the pool.</summary>
    public const int MaxWriters = 64;

    /// <summary>
    /// The key of the advisory lock a migration's transaction holds on PostgreSQL: nodes starting together migrate one
    /// at a time (each finds what the one before applied), while the writes go on.
    /// </summary>
    private const long MigrationLockKey = 0x5061_7948_4D69; // "PayHMi"

    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;
    private readonly ConcurrentBag<PreparedStatements> _readers = [];
    private readonly Lock _logFileLock = new();
    private Microsoft.Win32.SafeHandles.SafeFileHandle? _logFile;

    /// <param name="location">A SQLite file path, or a PostgreSQL connection string (<c>Host=…;Database=…</c>)
    /// or URL (<c>postgresql://user:password@host:port/database</c>).</param>
    /// <param name="temporary">The file's folder was made for this run only (<c>serve --demo</c> without
    /// <c>--db</c>): it is deleted when the server stops.</param>
    /// <param name="writers">On PostgreSQL, how many writers (group-commit lanes, each with its connection) this node runs
    /// (<see cref="Writers"/>); null: <see cref="DefaultWriters"/>. Ignored on SQLite, which has one writer.</param>
    public Database(string location, bool temporary = false, int? writers = null)
    {
        if (PostgresLocation.IsPostgres(location))
        {
            Engine = DatabaseEngine.PostgreSql;
            var builder = new NpgsqlConnectionStringBuilder(PostgresLocation.ToConnectionString(location));
            if (!location.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase) && !location.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
            {
                // The hot paths run the same few statements: prepared once per connection, then reused.
                builder.MaxAutoPrepare = 64;
                builder.AutoPrepareMinUsages = 2;
            }

            _connectionString = builder.ConnectionString;
            _postgres = new NpgsqlDataSourceBuilder(_connectionString).Build();
            Location = PostgresLocation.Describe(builder);
            Writers = writers is { } configured
                ? Math.Clamp(configured, 1, MaxWriters)
                : DefaultWriters(builder.MaxPoolSize);
            return;
        }

        Engine = DatabaseEngine.Sqlite;
        Writers = 1;
        Location = location;
        Temporary = temporary;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = location,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public DatabaseEngine Engine { get; }

    /// <summary>
    /// How many writers this node runs, each a group-commit lane with its own connection (<see cref="GroupCommit"/>): one on
    /// SQLite (what SQLite is); on PostgreSQL several, their transactions at the same time, row locks and unique keys
    /// deciding who waits (docs/deployment.md, concurrent writers).
    /// </summary>
    public int Writers { get; }

    /// <summary>PostgreSQL's writers unless configured: one for every 25 connections of the pool (4 with Npgsql's default of 100), 1 to 8.</summary>
    public static int DefaultWriters(int maxPoolSize) => Math.Clamp(maxPoolSize / 25, 1, 8);

    /// <summary>What this instance talks to, fit for a log line: the SQLite file, or the PostgreSQL server and database (never a password).</summary>
    public string Location { get; }

    public bool Temporary { get; }

    public DbConnection Open()
    {
        if (_postgres is not null)
        {
            return _postgres.OpenConnection();
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>A connection of its own, outside the pool, that listens for notices (<see cref="Notices"/>); PostgreSQL only.</summary>
    internal NpgsqlConnection CreateListener() =>
        new(new NpgsqlConnectionStringBuilder(_connectionString) { ApplicationName = Notices.ListenerName, KeepAlive = 5, Pooling = false }.ConnectionString);

    /// <summary>Whether the database was created as a sandbox (<see cref="StorageStartup.SettleMode"/>); settled when it is opened.</summary>
    public bool Sandbox { get; internal set; }

    /// <summary>
    /// Begins a transaction that writes. It locks nothing by itself: on PostgreSQL each write locks the rows it changes
    /// (<see cref="RowLocks"/>) and the unique keys decide duplicates, so writes of other rows, on this node or another,
    /// run at the same time; on SQLite the transaction is the database's one writer.
    /// </summary>
    public static DbTransaction BeginWrite(DbConnection connection) => connection.BeginTransaction();

    private DbTransaction Begin(DbConnection connection, long? lockKey)
    {
        var transaction = connection.BeginTransaction();
        if (Engine == DatabaseEngine.PostgreSql && lockKey is { } key)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(" + key.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
            command.ExecuteNonQuery();
        }

        return transaction;
    }

    /// <summary>
    /// One write transaction outside the group commit (the admin API, start-up, the demo data): a connection,
    /// <see cref="BeginWrite"/>, <paramref name="work"/> on its statements, commit. A failure rolls everything back;
    /// one PostgreSQL broke for a deadlock or a serialization conflict, or that met a concurrent insert of its key
    /// (<see cref="RetryReason"/>), runs again.
    /// </summary>
    public T Write<T>(Func<WriteScope, T> work) => Write(work, null);

    /// <summary>One migration's transaction: under the migrations' own advisory lock on PostgreSQL (<see cref="MigrationLockKey"/>), not the writes'.</summary>
    public T Migrate<T>(Func<WriteScope, T> work) => Write(work, MigrationLockKey);

    /// <inheritdoc cref="Migrate{T}"/>
    public void Migrate(Action<WriteScope> work) => Write(
        scope =>
        {
            work(scope);
            return true;
        },
        MigrationLockKey);

    private T Write<T>(Func<WriteScope, T> work, long? lockKey)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return WriteOnce(work, lockKey);
            }
            catch (Exception e) when (attempt < MaxWriteAttempts && RetryReason(e) is { } reason)
            {
                Telemetry.PayHubMeter.WriteRetries.Add(1, new KeyValuePair<string, object?>("payhub.reason", reason));
            }
        }
    }

    private T WriteOnce<T>(Func<WriteScope, T> work, long? lockKey)
    {
        using var scope = new WriteScope(Open(), this);
        using var transaction = Begin(scope.Connection, lockKey);
        scope.Enter(transaction);
        var result = work(scope);
        scope.SendAppended();
        transaction.Commit();
        return result;
    }

    /// <inheritdoc cref="Write{T}"/>
    public void Write(Action<WriteScope> work) => Write(scope =>
    {
        work(scope);
        return true;
    });

    /// <summary>Begins a read-only transaction whose statements all see one state of the database.</summary>
    public DbTransaction BeginSnapshot(DbConnection connection) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : connection.BeginTransaction(IsolationLevel.RepeatableRead);

    /// <summary>Sets up the group-commit writer's connection (SQLite: foreign keys, lazy commits, checkpoints).</summary>
    public void PrepareWriter(DbConnection connection)
    {
        if (Engine != DatabaseEngine.Sqlite)
        {
            return;
        }

        using var command = connection.CreateCommand();
        // NORMAL: a commit writes the log without waiting for the disk; GroupCommit flushes before answering.
        // Checkpoints every 8000 pages (32 MB of log): a page rewritten by many batches is copied once.
        command.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 8000;";
        command.ExecuteNonQuery();
    }

    /// <summary>How many times a write transaction runs at most when PostgreSQL keeps breaking it (<see cref="RetryReason"/>).</summary>
    public const int MaxWriteAttempts = 3;

    /// <summary>
    /// Why a write transaction that failed may simply run again: PostgreSQL broke a deadlock (<c>40P01</c>) or a
    /// serialization conflict (<c>40001</c>) by rolling it back, or the write found its row inserted by another
    /// transaction since it looked (<see cref="ConcurrentInsertException"/>); nothing of it was kept, and run again it
    /// finds the other's row. Null for any other failure.
    /// </summary>
    public static string? RetryReason(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected } => "deadlock",
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure } => "serialization",
        ConcurrentInsertException => "concurrent_insert",
        _ => null,
    };

    /// <summary>Whether a statement failed on a unique key or primary key.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// Runs hot-path reads on a leased reader connection whose statements stay prepared between
    /// requests. A reader whose work failed is closed rather than given back.
    /// </summary>
    public T Read<T>(Func<PreparedStatements, T> work)
    {
        using var span = StartReadSpan();
        var reader = LeaseReader();
        T result;
        try
        {
            result = work(reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        GiveBack(reader);
        return result;
    }

    /// <summary>
    /// As <see cref="Read{T}"/>, for reads written with the statements' asynchronous calls (<c>QueryAsync</c>,
    /// <c>ScalarAsync</c>, <c>InOneSnapshotAsync</c>): on PostgreSQL no thread waits while the server answers. The request paths read this way.
    /// </summary>
    public async ValueTask<T> ReadAsync<T>(Func<PreparedStatements, ValueTask<T>> work)
    {
        using var span = StartReadSpan();
        var reader = LeaseReader();
        T result;
        try
        {
            result = await work(reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        GiveBack(reader);
        return result;
    }

    private System.Diagnostics.Activity? StartReadSpan()
    {
        var span = Telemetry.PayHubActivities.Storage.StartActivity("db read", System.Diagnostics.ActivityKind.Client);
        span?.SetTag("db.system.name", Engine == DatabaseEngine.PostgreSql ? "postgresql" : "sqlite");
        return span;
    }

    private PreparedStatements LeaseReader() => _readers.TryTake(out var idle) ? idle : new PreparedStatements(Open(), this);

    private void GiveBack(PreparedStatements reader)
    {
        if (_readers.Count < MaxIdleReaders)
        {
            _readers.Add(reader);
        }
        else
        {
            reader.Dispose();
        }
    }

    /// <summary>
    /// Closes every idle connection (the leased readers and SQLite's pool) after the schema changed under them, so
    /// that no later statement runs on a connection that read the schema before the change.
    /// </summary>
    public void ForgetIdleConnections()
    {
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        if (Engine == DatabaseEngine.Sqlite)
        {
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        }
    }

    /// <summary>
    /// Makes everything committed before the call durable. SQLite: flushes the write-ahead log to
    /// disk (fsync), as commits on the group-commit writer do not wait for the disk themselves.
    /// PostgreSQL: nothing to do, a commit returns once its log record is on disk.
    /// </summary>
    public void FlushLogToDisk()
    {
        if (Engine != DatabaseEngine.Sqlite)
        {
            return;
        }

        lock (_logFileLock)
        {
            if (_logFile is null)
            {
                var path = Location + "-wal";
                if (!File.Exists(path))
                {
                    return;
                }

                _logFile = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            }

            RandomAccess.FlushToDisk(_logFile);
        }
    }

    /// <summary>Drops the handle on the log file, so the next flush opens the file anew (after the writer reconnected).</summary>
    public void ForgetLogFile()
    {
        lock (_logFileLock)
        {
            _logFile?.Dispose();
            _logFile = null;
        }
    }

    public void Dispose()
    {
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        ForgetLogFile();
        _postgres?.Dispose();
        if (Temporary)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Path.GetDirectoryName(Location)!, recursive: true);
            }
            catch (IOException)
            {
                // Another process still holds it open: the OS's temp cleaning will take it.
            }
        }
    }
}
