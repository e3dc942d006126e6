using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using PayHub.Storage;

namespace PayHub.Tests;

/// <summary>
/// Which engine the suite runs on. Without PAYHUB_TEST_POSTGRES every server gets a SQLite file in
/// its folder; with it (a connection string to a throwaway cluster, set by test.sh) every folder gets
/// a PostgreSQL database of its own, created on first use and dropped with the folder.
/// </summary>
public static class TestDatabases
{
    public static string? Postgres { get; } = Environment.GetEnvironmentVariable("PAYHUB_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    public static DatabaseEngine Engine => Postgres is null ? DatabaseEngine.Sqlite : DatabaseEngine.PostgreSql;

    /// <summary>A new, empty folder of one test (class) under the temp folder: its database (<see cref="For"/>) and files; removed with <see cref="DeleteFolder"/>.</summary>
    public static string NewFolder(string purpose)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"payhub-{purpose}-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The database location for a test folder (the same folder gives the same database: restarts, several nodes).</summary>
    public static string For(string folder)
    {
        if (Postgres is null)
        {
            return Path.Combine(folder, "payhub.db");
        }

        var name = NameOf(folder);
        using (var admin = new NpgsqlConnection(Postgres))
        {
            admin.Open();
            using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
            exists.Parameters.AddWithValue("name", name);
            if (exists.ExecuteScalar() is null)
            {
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                try
                {
                    create.ExecuteNonQuery();
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
                {
                    // Another node of the same test created it first.
                }
            }
        }

        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }

    /// <summary>The same database as a <c>postgresql://</c> URL (the other form <c>--db</c> takes); a SQLite path as it is.</summary>
    public static string AsUrl(string location)
    {
        if (!PostgresLocation.IsPostgres(location))
        {
            return location;
        }

        var builder = new NpgsqlConnectionStringBuilder(location);
        return $"postgresql://{Uri.EscapeDataString(builder.Username!)}@{builder.Host}:{builder.Port}/{Uri.EscapeDataString(builder.Database!)}?application_name=payhub-node-b";
    }

    /// <summary>A direct connection, for checks a client could not make.</summary>
    public static DbConnection Open(string location)
    {
        DbConnection connection = PostgresLocation.IsPostgres(location)
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(location) { Pooling = false }.ConnectionString)
            : new SqliteConnection($"Data Source={location};Pooling=False");
        connection.Open();
        return connection;
    }

    public static void Drop(string folder)
    {
        if (Postgres is null)
        {
            return;
        }

        using var admin = new NpgsqlConnection(Postgres);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{NameOf(folder)}\" WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }

    /// <summary>Removes a test folder and the database that goes with it (SQLite: its file is in the folder).</summary>
    public static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        Drop(folder);
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing holds a file open: the OS's temp cleaning will take it.
        }
    }

    private static string NameOf(string folder) =>
        "payhub_" + new string([.. Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)).Where(char.IsAsciiLetterOrDigit)]).ToLowerInvariant();
}
