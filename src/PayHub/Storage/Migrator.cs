using System.Data.Common;
using System.Reflection;
using Dapper;

namespace PayHub.Storage;

/// <summary>
/// Versioned schema migrations: the embedded SQL files of <c>Storage/Migrations/Sqlite</c> and
/// <c>Storage/Migrations/Postgres</c> (the same versions, each in its engine's dialect), named
/// <c>NNNN_what.sql</c>, each run once, in order, in its own transaction, recorded in <c>schema_migrations</c>.
/// On PostgreSQL each runs under the write lock, so nodes starting together migrate once.
/// </summary>
public static class Migrator
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> Available(DatabaseEngine engine)
    {
        var prefix = "PayHub.Storage.Migrations." + (engine == DatabaseEngine.Sqlite ? "Sqlite." : "Postgres.");
        var assembly = Assembly.GetExecutingAssembly();
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[prefix.Length..^4];
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (int.Parse(name[..4], System.Globalization.CultureInfo.InvariantCulture), name, reader.ReadToEnd());
            })
            .OrderBy(m => m.Item1)];
    }

    /// <summary>
    /// Brings the schema up to date, or up to and including version <paramref name="through"/>
    /// (to try a migration on data stored before it); returns the versions it applied.
    /// </summary>
    public static IReadOnlyList<int> Migrate(Database database, int? through = null)
    {
        using var connection = database.Open();
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            connection.Execute("PRAGMA journal_mode=WAL;");
        }

        using (var transaction = database.BeginWrite(connection))
        {
            connection.Execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                );
                """,
                transaction: transaction);
            transaction.Commit();
        }

        var applied = new List<int>();
        foreach (var (version, name, sql) in Available(database.Engine).Where(m => m.Version <= (through ?? int.MaxValue)))
        {
            using var transaction = database.BeginWrite(connection);
            var done = connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @version", new { version }, transaction);
            if (done > 0)
            {
                continue;
            }

            connection.Execute(sql, transaction: transaction);
            connection.Execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = DateTimeOffset.UtcNow.ToString("O") },
                transaction);
            transaction.Commit();
            applied.Add(version);
        }

        return applied;
    }

    public static int CurrentVersion(DbConnection connection) =>
        connection.ExecuteScalar<int?>("SELECT MAX(version) FROM schema_migrations") ?? 0;

    /// <summary>The schema's version, asynchronously (the readiness check); null before the first migration.</summary>
    public static async Task<int?> SchemaVersionAsync(Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schema_migrations");
    }
}
