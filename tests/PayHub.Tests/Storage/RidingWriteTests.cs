using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PayHub.Storage;

namespace PayHub.Tests.Storage;

/// <summary>
/// Writes that ride along (<see cref="GroupCommit.WriteWithNextBatch"/>): in the transaction of the next batch when one
/// comes, on their own when none does, at once when a reader settles them, never taking the batch's own writes down
/// with them, and not lost when the server stops.
/// </summary>
public sealed class RidingWriteTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("riders");
    private readonly string _location;

    public RidingWriteTests()
    {
        _location = TestDatabases.For(_folder);
        using var database = new Database(_location);
        Migrator.Migrate(database);
        database.Write(write => write.Execute("CREATE TABLE rider_rows (k TEXT PRIMARY KEY)"));
    }

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    [Fact]
    public async Task A_rider_queued_while_the_lane_is_busy_commits_in_the_same_transaction_as_the_next_write()
    {
        using var database = new Database(_location, writers: 1);
        using var groupCommit = new GroupCommit(database, NullLogger<GroupCommit>.Instance, TimeProvider.System);
        var transactions = new ConcurrentDictionary<string, System.Data.Common.DbTransaction>();

        // The first write holds the lane; the rider and the next write arrive meanwhile (and the rider's wait may run out).
        using var held = new HeldLane(groupCommit);
        groupCommit.WriteWithNextBatch(scope =>
        {
            transactions["rider"] = scope.Transaction;
            scope.Execute("INSERT INTO rider_rows (k) VALUES ('rider')");
        });
        var next = groupCommit.WriteAsync("1", scope =>
        {
            transactions["write"] = scope.Transaction;
            return scope.Execute("INSERT INTO rider_rows (k) VALUES ('write')");
        });
        await held.ReleaseAsync();
        await next;

        Assert.Same(transactions["write"], transactions["rider"]);
        Assert.Equal(["rider", "write"], Keys(database));
    }

    [Fact]
    public async Task A_rider_on_a_quiet_server_is_committed_without_any_other_write()
    {
        using var database = new Database(_location);
        using var groupCommit = new GroupCommit(database, NullLogger<GroupCommit>.Instance, TimeProvider.System);

        groupCommit.WriteWithNextBatch(scope => scope.Execute("INSERT INTO rider_rows (k) VALUES ('alone')"));

        for (var attempt = 0; attempt < 100 && Keys(database).Count == 0; attempt++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(["alone"], Keys(database));
    }

    [Fact]
    public async Task Settling_commits_the_riders_queued_before_it_at_once()
    {
        using var database = new Database(_location);
        using var groupCommit = new GroupCommit(database, NullLogger<GroupCommit>.Instance, TimeProvider.System);
        var keys = Enumerable.Range(0, 1500).Select(i => i.ToString("D4", CultureInfo.InvariantCulture)).ToList();

        foreach (var key in keys)
        {
            groupCommit.WriteWithNextBatch(scope => scope.Execute("INSERT INTO rider_rows (k) VALUES (@p0)", key));
        }

        await groupCommit.SettleAsync();

        Assert.Equal(keys, Keys(database)); // more than one batch's worth (1,024)
    }

    [Fact]
    public async Task A_rider_that_fails_takes_neither_the_batch_s_writes_nor_the_other_riders_with_it()
    {
        using var database = new Database(_location, writers: 1);
        using var groupCommit = new GroupCommit(database, NullLogger<GroupCommit>.Instance, TimeProvider.System);
        using var held = new HeldLane(groupCommit);
        groupCommit.WriteWithNextBatch(scope => scope.Execute("INSERT INTO rider_rows (k) VALUES ('before')"));
        groupCommit.WriteWithNextBatch(scope => scope.Execute("INSERT INTO no_such_table (k) VALUES ('lost')"));
        groupCommit.WriteWithNextBatch(scope => scope.Execute("INSERT INTO rider_rows (k) VALUES ('after')"));
        var next = groupCommit.WriteAsync("1", scope => scope.Execute("INSERT INTO rider_rows (k) VALUES ('write')"));
        await held.ReleaseAsync();

        Assert.Equal(1, await next);
        await groupCommit.SettleAsync(); // completes although one rider failed
        Assert.Equal(["after", "before", "write"], Keys(database));
    }

    [Fact]
    public void Riders_still_queued_when_the_server_stops_are_committed_before_it_goes()
    {
        using var database = new Database(_location);
        using (var groupCommit = new GroupCommit(database, NullLogger<GroupCommit>.Instance, TimeProvider.System))
        {
            groupCommit.WriteWithNextBatch(scope => scope.Execute("INSERT INTO rider_rows (k) VALUES ('last')"));
        }

        Assert.Equal(["last"], Keys(database));
    }

    private static List<string> Keys(Database database) =>
        database.Read(db => db.Rows<string>("SELECT k FROM rider_rows ORDER BY k"));
}
