using System.Data.Common;
using System.Reflection;
using Dapper;

namespace PayHub.Storage;

/// <summary>
/// Versioned schema migrations: the embedded SQL files of <c>Storage/Migrations/Sqlite</c>, named
/// <c>NNNN_what.sql</c>, each run once, in order, in its own transaction, recorded in <c>schema_migrations</c>.
/// </summary>
public static class Migrator
{
    private const string ResourcePrefix = "PayHub.Storage.Migrations.Sqlite.";

    public static IReadOnlyList<(int Version, string Name, string Sql)> Available()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[ResourcePrefix.Length..^4];
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (int.Parse(name[..4], System.Globalization.CultureInfo.InvariantCulture), name, reader.ReadToEnd());
            })
            .OrderBy(m => m.Item1)];
    }

    /// <summary>Brings the schema up to date; returns the versions it applied.</summary>
    public static IReadOnlyList<int> Migrate(Database database)
    {
        using var connection = database.Open();
        connection.Execute("PRAGMA journal_mode=WAL;");
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at TEXT NOT NULL
            );
            """);
        var applied = new List<int>();
        foreach (var (version, name, sql) in Available())
        {
            using var transaction = connection.BeginTransaction();
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
}
