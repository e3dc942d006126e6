using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using PayHub.Storage;

namespace PayHub.Tests.Storage;

/// <summary>
/// A write transaction that PostgreSQL rolled back to break a deadlock (<c>40P01</c>) or a serialization conflict
/// (<c>40001</c>) runs again, a bounded number of times, in the admin path (<see cref="Database.Write{T}"/>) and in the
/// group commit; any other failure is not run again. On SQLite, whose one writer never deadlocks, the same writes
/// simply succeed at once.
/// </summary>
public sealed class WriteRetryTests : IDisposable
{
    private const string Update = "UPDATE payhub_settings SET value = value || 'x' WHERE name = @p0";
    private readonly string _folder = TestDatabases.NewFolder("retry");
    private readonly Database _database;

    public WriteRetryTests()
    {
        _database = new Database(TestDatabases.For(_folder));
        Migrator.Migrate(_database);
        _database.Write(scope =>
        {
            scope.Execute("INSERT INTO payhub_settings (name, value) VALUES ('retry-a', ''), ('retry-b', '')");
        });
    }

    public void Dispose()
    {
        _database.Dispose();
        TestDatabases.DeleteFolder(_folder);
    }

    [Fact]
    public async Task A_write_PostgreSQL_chose_as_a_deadlock_victim_runs_again_and_commits()
    {
        var attempts = 0;
        using var lockedB = new ManualResetEventSlim();
        using var otherCommitted = new ManualResetEventSlim();
        using var other = _database.Open();
        using var otherTransaction = other.BeginTransaction();
        if (_database.Engine == DatabaseEngine.PostgreSql)
        {
            // The other transaction looks for deadlocks only after 20 s, the write after the server's 1 s: the write is the
            // victim even when a loaded machine runs its check late (with equal timeouts, CI once saw the other chosen).
            other.Execute("SET LOCAL deadlock_timeout = '20s'", transaction: otherTransaction);
            other.Execute(Update, new { p0 = "retry-a" }, otherTransaction); // the other transaction holds a's row lock
        }

        var write = Task.Run(() => _database.Write(scope =>
        {
            attempts++;
            if (attempts > 1)
            {
                // The run again waits for the other transaction to finish. Without this the run again could update b
                // before the other transaction, woken by the victim's rollback, takes b's row: a second deadlock, a
                // third attempt (CI saw it once), and with a third such race the write would give up.
                Assert.True(otherCommitted.Wait(TimeSpan.FromSeconds(60)));
            }

            scope.Execute(Update, "retry-b");
            lockedB.Set();
            scope.Execute(Update, "retry-a"); // waits for the other transaction, which will wait for b: a deadlock
            return attempts;
        }));
        if (_database.Engine == DatabaseEngine.PostgreSql)
        {
            Assert.True(lockedB.Wait(TimeSpan.FromSeconds(30)));
            await WaitUntilOneSessionWaitsForALockAsync();
            // The write began waiting first and checks first, so its deadlock check breaks the cycle.
            var otherWaits = Task.Run(() => other.Execute(Update, new { p0 = "retry-b" }, otherTransaction));
            await otherWaits.WaitAsync(TimeSpan.FromSeconds(60));
            otherTransaction.Commit();
        }
        else
        {
            otherTransaction.Rollback();
        }

        otherCommitted.Set();

        var ran = await write.WaitAsync(TimeSpan.FromSeconds(60));

        // On PostgreSQL both rows hold the other transaction's change and the retried write's, and nothing of the broken run.
        var both = _database.Engine == DatabaseEngine.PostgreSql ? "xx" : "x";
        Assert.Equal(_database.Engine == DatabaseEngine.PostgreSql ? 2 : 1, ran);
        using var check = _database.Open();
        Assert.Equal(both, check.ExecuteScalar<string>("SELECT value FROM payhub_settings WHERE name = 'retry-a'"));
        Assert.Equal(both, check.ExecuteScalar<string>("SELECT value FROM payhub_settings WHERE name = 'retry-b'"));
    }

    [Fact]
    public async Task A_group_committed_write_rolled_back_for_a_serialization_conflict_runs_again()
    {
        using var groupCommit = new GroupCommit(_database, NullLogger<GroupCommit>.Instance, TimeProvider.System);
        var runs = 0;

        var result = await groupCommit.WriteAsync(scope =>
        {
            runs++;
            if (runs <= 2)
            {
                Conflict(scope); // the batch's run, then the first run on its own: both broken by the server
            }

            scope.Execute(Update, "retry-b");
            return runs;
        });

        Assert.Equal(_database.Engine == DatabaseEngine.PostgreSql ? 3 : 1, result);
        using var check = _database.Open();
        Assert.Equal("x", check.ExecuteScalar<string>("SELECT value FROM payhub_settings WHERE name = 'retry-b'"));
    }

    [Fact]
    public async Task Retries_are_bounded_and_other_failures_are_not_retried()
    {
        using var groupCommit = new GroupCommit(_database, NullLogger<GroupCommit>.Instance, TimeProvider.System);
        var conflicted = 0;
        var duplicated = 0;

        var always = groupCommit.WriteAsync(scope =>
        {
            conflicted++;
            Conflict(scope);
            return scope.Execute(Update, "retry-a");
        });
        var duplicate = groupCommit.WriteAsync(scope =>
        {
            duplicated++;
            return scope.Execute("INSERT INTO payhub_settings (name, value) VALUES ('retry-a', '')");
        });

        if (_database.Engine == DatabaseEngine.PostgreSql)
        {
            var broken = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => always);
            Assert.Equal("40001", broken.SqlState);
            Assert.InRange(conflicted, 2, 1 + Database.MaxWriteAttempts); // at most the batch's run and the attempts on its own
        }
        else
        {
            await always;
        }

        Assert.True(Database.IsUniqueViolation(await Assert.ThrowsAnyAsync<Exception>(() => duplicate)));
        Assert.InRange(duplicated, 1, 2); // the batch's run and one on its own, never more
    }

    /// <summary>On PostgreSQL, the server rolling the transaction back for a serialization conflict (SQLSTATE 40001).</summary>
    private void Conflict(WriteScope scope)
    {
        if (_database.Engine == DatabaseEngine.PostgreSql)
        {
            scope.Execute("DO $$ BEGIN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001'; END $$");
        }
    }

    private async Task WaitUntilOneSessionWaitsForALockAsync()
    {
        using var watcher = _database.Open();
        for (var i = 0; i < 300; i++)
        {
            if (watcher.ExecuteScalar<long>("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") > 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("the write never waited for the other transaction's lock");
    }
}
