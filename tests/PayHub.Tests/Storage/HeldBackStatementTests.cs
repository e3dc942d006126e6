using Microsoft.Extensions.Logging.Abstractions;
using PayHub.Storage;

namespace PayHub.Tests.Storage;

/// <summary>
/// Statements held back in a write (<see cref="PreparedStatements.Append"/>, <see cref="PreparedStatements.InsertIfNew"/>)
/// travel with the next query on PostgreSQL: the query sees them, a key assumed new that was not still sends the batch
/// round again, and a held-back statement that fails fails its own write only.
/// </summary>
public sealed class HeldBackStatementTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("held-back");
    private readonly string _location;

    public HeldBackStatementTests()
    {
        _location = TestDatabases.For(_folder);
        using var database = new Database(_location);
        Migrator.Migrate(database);
        database.Write(write => write.Execute("CREATE TABLE held_rows (k TEXT PRIMARY KEY, n INTEGER NOT NULL)"));
        database.Write(write => write.Execute("INSERT INTO held_rows (k, n) VALUES ('kept', 1)"));
    }

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    [Fact]
    public async Task A_query_after_held_back_changes_sees_them_in_rows_and_in_a_scalar()
    {
        using var database = new Database(_location, writers: 1);
        using var groupCommit = new GroupCommit(database, NullLogger<GroupCommit>.Instance, TimeProvider.System);

        var (rows, count) = await groupCommit.WriteAsync("k", scope =>
        {
            scope.Append("UPDATE held_rows SET n = n + 41 WHERE k = 'kept'");
            scope.Append("INSERT INTO held_rows (k, n) VALUES ('new', 7)");
            var rows = scope.Rows<(string, long)>("SELECT k, n FROM held_rows ORDER BY k");
            scope.Append("DELETE FROM held_rows WHERE k = 'new'");
            var count = Convert.ToInt64(scope.Scalar("SELECT COUNT(*) FROM held_rows"), System.Globalization.CultureInfo.InvariantCulture);
            return (rows, count);
        });

        Assert.Equal([("kept", 42L), ("new", 7L)], rows);
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task A_key_assumed_new_that_was_not_is_found_out_by_the_query_it_travelled_with()
    {
        using var database = new Database(_location, writers: 1);
        using var groupCommit = new GroupCommit(database, NullLogger<GroupCommit>.Instance, TimeProvider.System);
        using var held = new HeldLane(groupCommit);

        // One batch: each write inserts a key (one of them there already) and then reads the table.
        var writes = new[] { ("a", "kept"), ("b", "fresh") }.Select(write => groupCommit.WriteAsync(write.Item1, scope =>
        {
            var inserted = scope.InsertIfNew("INSERT INTO held_rows (k, n) VALUES (@p0, 2) ON CONFLICT (k) DO NOTHING", write.Item2);
            var seen = scope.Rows<string>("SELECT k FROM held_rows ORDER BY k");
            return (inserted, seen);
        })).ToList();
        await held.ReleaseAsync();
        var answers = await Task.WhenAll(writes);

        Assert.False(answers[0].inserted);
        Assert.True(answers[1].inserted);
        Assert.Equal(["fresh", "kept"], answers[1].seen);
        Assert.Equal(["fresh", "kept"], database.Read(db => db.Rows<string>("SELECT k FROM held_rows ORDER BY k")));
    }

    [Fact]
    public async Task A_held_back_statement_that_fails_fails_its_own_write_and_not_the_others_of_its_batch()
    {
        using var database = new Database(_location, writers: 1);
        using var groupCommit = new GroupCommit(database, NullLogger<GroupCommit>.Instance, TimeProvider.System);
        using var held = new HeldLane(groupCommit);

        var failing = groupCommit.WriteAsync("a", scope =>
        {
            scope.Append("INSERT INTO held_rows (k, n) VALUES ('kept', 3)"); // the key is there: a unique violation
            return scope.Rows<string>("SELECT k FROM held_rows");
        });
        var next = groupCommit.WriteAsync("b", scope =>
        {
            scope.Append("INSERT INTO held_rows (k, n) VALUES ('next', 4)");
            return scope.Scalar("SELECT n FROM held_rows WHERE k = 'next'");
        });
        await held.ReleaseAsync();

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => failing);
        Assert.Equal(4L, Convert.ToInt64(await next, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["kept", "next"], database.Read(db => db.Rows<string>("SELECT k FROM held_rows ORDER BY k")));
    }
}
