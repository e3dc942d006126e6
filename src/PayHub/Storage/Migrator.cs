using System.Data.Common;
using System.Reflection;

namespace PayHub.Storage;

/// <summary>
/// Versioned schema migrations: the embedded SQL files of <c>Storage/Migrations/Sqlite</c> and
/// <c>Storage/Migrations/Postgres</c> (the same versions, each in its engine's dialect), named
/// <c>NNNN_what.sql</c>, each run once, in order, in its own transaction, recorded in <c>schema_migrations</c>.
/// On PostgreSQL each runs under the migrations' own advisory lock (<see cref="Database.Migrate{T}"/>), so nodes
/// starting together migrate once.
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
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            // Not on a leased reader, and every idle connection is closed once the migrations ran: a reader kept from
            // before the schema existed has at times (rarely, on a loaded machine) answered "no such table" after them.
            using var alone = new PreparedStatements(database.Open(), database);
            alone.Execute("PRAGMA journal_mode=WAL;");
        }

        database.Migrate(scope => scope.ExecuteScript(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at TEXT NOT NULL
            );
            """));
        var applied = new List<int>();
        foreach (var (version, name, sql) in Available(database.Engine).Where(m => m.Version <= (through ?? int.MaxValue)))
        {
            var ran = database.Migrate(scope =>
            {
                if (scope.Scalar("SELECT 1 FROM schema_migrations WHERE version = @p0", version) is not null)
                {
                    return false;
                }

                scope.ExecuteScript(sql);
                scope.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@p0, @p1, @p2)", version, name, DateTimeOffset.UtcNow.ToString("O"));
                return true;
            });
            if (ran)
            {
                applied.Add(version);
            }
        }

        if (applied.Count > 0)
        {
            database.ForgetIdleConnections();
        }

        return applied;
    }

    public static int CurrentVersion(Database database) =>
        database.Read(db => db.Row<int?>("SELECT MAX(version) FROM schema_migrations")) ?? 0;
}
