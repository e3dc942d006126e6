using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace PayHub.Storage;

/// <summary>
/// The one connection factory: every family opens its connections here (foreign keys are enforced
/// on the group-commit writer). SQLite is the embedded
/// engine (a file in WAL mode, pooled connections); the engine is chosen in this one place.
/// </summary>
public sealed class Database : IDisposable
{
    private const int MaxIdleReaders = 32;

    private readonly string _connectionString;
    private readonly ConcurrentBag<PreparedStatements> _readers = [];
    private readonly Lock _logFileLock = new();
    private Microsoft.Win32.SafeHandles.SafeFileHandle? _logFile;

    /// <param name="location">The SQLite file.</param>
    /// <param name="temporary">The file's folder was made for this run only (<c>serve --demo</c> without
    /// <c>--db</c>): it is deleted when the server stops.</param>
    public Database(string location, bool temporary = false)
    {
        Location = location;
        Temporary = temporary;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = location,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        };
        _connectionString = builder.ToString();
    }

    /// <summary>The database file (or, later, the server) this instance talks to.</summary>
    public string Location { get; }

    public bool Temporary { get; }

    public DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Runs hot-path reads on a leased reader connection whose statements stay prepared between
    /// requests. A reader whose work failed is closed rather than given back.
    /// </summary>
    public T Read<T>(Func<PreparedStatements, T> work)
    {
        var reader = _readers.TryTake(out var idle) ? idle : new PreparedStatements(Open());
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

        if (_readers.Count < MaxIdleReaders)
        {
            _readers.Add(reader);
        }
        else
        {
            reader.Dispose();
        }

        return result;
    }

    /// <summary>
    /// Flushes the write-ahead log to disk (fsync): everything committed before the call is then
    /// durable. Commits on the group-commit writer do not wait for the disk themselves.
    /// </summary>
    public void FlushLogToDisk()
    {
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

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
