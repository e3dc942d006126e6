using Dapper;
using PayHub.Secrets;
using PayHub.Storage;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Storage;

public sealed class StorageTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("storage");

    public void Dispose()
    {
        TestDatabases.DeleteFolder(_folder);
    }

    [Fact]
    public void Migrations_run_once_in_order_on_the_engine_under_test()
    {
        using var database = new Database(TestDatabases.For(_folder));

        var first = Migrator.Migrate(database);
        var second = Migrator.Migrate(database);

        Assert.Equal(TestDatabases.Engine, database.Engine);
        Assert.Equal(Migrator.Available(database.Engine).Select(m => m.Version), first);
        Assert.Empty(second);
        using var connection = database.Open();
        Assert.Equal(first[^1], Migrator.CurrentVersion(database));
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        }
        else
        {
            // Text compares byte by byte on both engines: the order risk cases are paged in.
            Assert.Equal(["Z", "a", "中"], connection.Query<string>("SELECT v FROM (VALUES ('a'), ('中'), ('Z')) AS t (v) ORDER BY v COLLATE \"C\"").ToList());
            Assert.Equal("C", connection.ExecuteScalar<string>(
                "SELECT collation_name FROM information_schema.columns WHERE table_name = 'risk_case_scope' AND column_name = 'create_time'"));
        }
    }

    [Fact]
    public void Both_engines_have_the_same_migrations_each_in_its_dialect()
    {
        var sqlite = Migrator.Available(DatabaseEngine.Sqlite);
        var postgres = Migrator.Available(DatabaseEngine.PostgreSql);

        Assert.Equal(sqlite.Select(m => m.Name), postgres.Select(m => m.Name));
        static string Code(string sql) => System.Text.RegularExpressions.Regex.Replace(sql, "--[^\n]*", "");
        Assert.All(postgres, m => Assert.DoesNotContain("AUTOINCREMENT", Code(m.Sql), StringComparison.Ordinal));
        Assert.All(postgres, m => Assert.DoesNotContain("WITHOUT ROWID", Code(m.Sql), StringComparison.Ordinal));
        // Once every migration ran, each dialect has the same tables (a rebuild creates, drops and renames).
        Assert.Equal(Tables(sqlite), Tables(postgres));
    }

    private static IEnumerable<string> Tables(IEnumerable<(int, string, string Sql)> migrations)
    {
        var tables = new SortedSet<string>(StringComparer.Ordinal);
        var statement = new System.Text.RegularExpressions.Regex(@"CREATE TABLE (\w+)|DROP TABLE (\w+)|ALTER TABLE (\w+) RENAME TO (\w+)");
        foreach (System.Text.RegularExpressions.Match match in migrations.SelectMany(m => statement.Matches(System.Text.RegularExpressions.Regex.Replace(m.Sql, "--[^\n]*", ""))))
        {
            if (match.Groups[1].Success)
            {
                tables.Add(match.Groups[1].Value);
            }
            else if (match.Groups[2].Success)
            {
                tables.Remove(match.Groups[2].Value);
            }
            else
            {
                tables.Remove(match.Groups[3].Value);
                tables.Add(match.Groups[4].Value);
            }
        }

        return tables;
    }

    [Fact]
    public async Task Nodes_starting_together_migrate_once()
    {
        var location = TestDatabases.For(_folder);
        var databases = Enumerable.Range(0, 4).Select(_ => new Database(location)).ToList();

        var applied = await Task.WhenAll(databases.Select(d => Task.Run(() => Migrator.Migrate(d))));

        Assert.Equal(Migrator.Available(databases[0].Engine).Count, applied.Sum(a => a.Count));
        using var connection = databases[0].Open();
        Assert.Equal(applied.Sum(a => a.Count), connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations"));
        databases.ForEach(d => d.Dispose());
    }

    [Fact]
    public async Task A_migration_does_not_wait_for_a_write_in_progress()
    {
        var location = TestDatabases.For(_folder);
        using var first = new Database(location);
        Migrator.Migrate(first);
        using var writer = first.Open();
        using var held = Database.BeginWrite(writer); // a write in progress, holding what it changed until rolled back
        using (var change = writer.CreateCommand())
        {
            change.Transaction = held;
            change.CommandText = "INSERT INTO payhub_settings (name, value) VALUES ('held', 'by a write in progress')";
            change.ExecuteNonQuery();
        }

        using var second = new Database(location);
        var migrate = Task.Run(() => Migrator.Migrate(second));
        if (first.Engine == DatabaseEngine.PostgreSql)
        {
            // Its own advisory lock, nothing of the writes': done while the write goes on.
            Assert.Same(migrate, await Task.WhenAny(migrate, Task.Delay(TimeSpan.FromSeconds(30))));
        }

        // On SQLite the migration's transaction waits for the one writer, as every write does, and goes on after it.
        held.Rollback();
        Assert.Empty(await migrate.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task Appended_rows_commit_with_their_write_and_vanish_with_a_write_that_failed()
    {
        using var database = new Database(TestDatabases.For(_folder));
        Migrator.Migrate(database);
        using var groupCommit = new GroupCommit(database, Microsoft.Extensions.Logging.Abstractions.NullLogger<GroupCommit>.Instance, TimeProvider.System);
        const string Insert = "INSERT INTO payhub_settings (name, value) VALUES (@p0, @p1)";

        // Queued together, so they share a batch: the failing one must take only its own rows with it.
        var kept = groupCommit.WriteAsync(scope =>
        {
            scope.Append(Insert, "appended-kept", "1");
            return scope.Execute(Insert, "direct-kept", "1");
        });
        var failed = groupCommit.WriteAsync<int>(scope =>
        {
            scope.Append(Insert, "appended-failed", "1");
            scope.Execute(Insert, "direct-failed", "1");
            throw new InvalidOperationException("this write fails after its statements");
        });
        var appendedOnly = groupCommit.WriteAsync(scope =>
        {
            scope.Append(Insert, "appended-alone", "1");
            return true;
        });

        Assert.Equal(1, await kept);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        Assert.True(await appendedOnly);
        using var connection = database.Open();
        Assert.Equal(
            ["appended-alone", "appended-kept", "direct-kept"],
            connection.Query<string>("SELECT name FROM payhub_settings WHERE value = '1' ORDER BY name").ToList());
    }

    [Theory]
    [InlineData("postgresql://payhub:s%40cret@db.example:6432/payhub?sslmode=require", "db.example", 6432, "payhub", "s@cret", "payhub")]
    [InlineData("postgres://ops@127.0.0.1/ledger", "127.0.0.1", 5432, "ops", null, "ledger")]
    [InlineData("Host=10.0.0.5;Port=5433;Username=payhub;Password=pw;Database=prod", "10.0.0.5", 5433, "payhub", "pw", "prod")]
    public void A_PostgreSQL_location_is_a_URL_or_a_connection_string_and_its_description_has_no_password(
        string location, string host, int port, string user, string? password, string databaseName)
    {
        Assert.True(PostgresLocation.IsPostgres(location));
        var parsed = new Npgsql.NpgsqlConnectionStringBuilder(PostgresLocation.ToConnectionString(location));

        Assert.Equal((host, port, user, password, databaseName), (parsed.Host, parsed.Port, parsed.Username, parsed.Password, parsed.Database));
        var described = PostgresLocation.Describe(parsed);
        Assert.DoesNotContain("pw", described, StringComparison.Ordinal);
        Assert.DoesNotContain("cret", described, StringComparison.Ordinal);
        Assert.False(PostgresLocation.IsPostgres("/var/lib/payhub/payhub.db"));
        Assert.False(PostgresLocation.IsPostgres("payhub;v2.db"));
    }

    [Fact]
    public async Task A_restart_on_the_same_file_keeps_everything_and_loads_the_demo_data_once()
    {
        string tranSeq = UtilityCaller.NewTranSeq();
        UtilityResponse first;
        using (var factory = PayHubFactory.On(_folder))
        {
            first = await new UtilityCaller(factory.CreateClient()).SendAsync(UtilityCaller.CustomerCheck(tranSeq));
        }

        using (var again = PayHubFactory.On(_folder))
        {
            var repeat = await new UtilityCaller(again.CreateClient()).SendAsync(UtilityCaller.CustomerCheck(tranSeq));
            Assert.Equal(first.Message!.Fields, repeat.Message!.Fields);
            using var connection = again.OpenDatabase();
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM utility_institutions"));
            Assert.Equal(36, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM utility_payments"));
        }
    }

    [Fact]
    public void Without_a_database_or_demo_the_server_says_what_to_configure()
    {
        var error = Assert.Throws<PayHub.Hosting.StartupProblem>(() => StorageStartup.ResolveLocation(new PayHub.Hosting.PayHubOptions()));
        Assert.Contains("--db", error.Message);
        Assert.Equal(64, error.ExitCode);
        var keyError = Assert.Throws<PayHub.Hosting.StartupProblem>(() => StorageStartup.ResolveMasterKey(new PayHub.Hosting.PayHubOptions { Database = "x.db" }));
        Assert.Contains("PayHub:MasterKey", keyError.Message);
        Assert.Equal(78, keyError.ExitCode);
    }

    [Fact]
    public void A_temporary_demo_database_is_deleted_when_the_server_stops_and_a_chosen_file_is_kept()
    {
        var temporaryPath = StorageStartup.ResolveLocation(new PayHub.Hosting.PayHubOptions { Demo = true });
        var temporary = new Database(temporaryPath, temporary: true);
        var chosen = new Database(Path.Combine(_folder, "kept.db"));
        Migrator.Migrate(temporary);
        Migrator.Migrate(chosen);

        temporary.Dispose();
        chosen.Dispose();

        Assert.False(Directory.Exists(Path.GetDirectoryName(temporaryPath)));
        Assert.True(File.Exists(chosen.Location));
    }

    [Fact]
    public void Sealed_secrets_open_only_under_their_master_key()
    {
        var box = new SecretBox(new MasterKey(MasterKey.Demo));
        var sealedKey = box.Seal([1, 2, 3, 4]);

        Assert.Equal([1, 2, 3, 4], box.Open(sealedKey));
        Assert.NotEqual(sealedKey, box.Seal([1, 2, 3, 4]));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => new SecretBox(new MasterKey(Convert.ToBase64String(new byte[32]))).Open(sealedKey));
    }
}
