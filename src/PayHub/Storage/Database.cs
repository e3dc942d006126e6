using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace PayHub.Storage;

/// <summary>
/// The one connection factory: every family opens its connections here. SQLite is the embedded
/// engine (a file in WAL mode, pooled connections); the engine is chosen in this one place.
/// </summary>
public sealed class Database
{
    private readonly string _connectionString;

    public Database(string location)
    {
        Location = location;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = location,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
            ForeignKeys = true,
        };
        _connectionString = builder.ToString();
    }

    /// <summary>The database file (or, later, the server) this instance talks to.</summary>
    public string Location { get; }

    public DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
