using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using PayHub.Storage;

namespace PayHub.Tests.Storage;

/// <summary>
/// The group commit's lanes: on PostgreSQL several writers at once, each write of one owner always in the same lane,
/// and each batch running its writes in their owners' key order (so that batches take their owners' row locks in one
/// order); on SQLite one writer, in arrival order.
/// </summary>
public sealed class WriteLaneTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("lanes");
    private readonly string _location;

    public WriteLaneTests()
    {
        _location = TestDatabases.For(_folder);
        using var database = new Database(_location);
        Migrator.Migrate(database);
    }

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    [Fact]
    public async Task A_batch_runs_its_writes_in_their_owners_key_order_on_PostgreSQL()
    {
        using var database = new Database(_location, writers: 1);
        using var groupCommit = new GroupCommit(database, NullLogger<GroupCommit>.Instance, TimeProvider.System);
        var ran = new ConcurrentQueue<string>();

        // The first write holds the lane until the next three are queued: they then make one batch.
        using var held = new HeldLane(groupCommit, "m");
        var queued = new[] { "c", "a", "b" }.Select(owner => groupCommit.WriteAsync(owner, _ =>
        {
            ran.Enqueue(owner);
            return true;
        })).ToList();
        await held.ReleaseAsync();
        await Task.WhenAll(queued);

        Assert.Equal(database.Engine == DatabaseEngine.PostgreSql ? ["a", "b", "c"] : ["c", "a", "b"], ran);
    }

    [Fact]
    public async Task Writes_of_one_owner_never_run_at_once_and_writes_of_many_owners_do_on_PostgreSQL()
    {
        using var database = new Database(_location, writers: 4);
        using var groupCommit = new GroupCommit(database, NullLogger<GroupCommit>.Instance, TimeProvider.System);

        var oneOwner = await MostAtOnceAsync(groupCommit, _ => "agreement-1");
        var manyOwners = await MostAtOnceAsync(groupCommit, i => "agreement-" + i);

        Assert.Equal(1, oneOwner);
        if (database.Engine == DatabaseEngine.PostgreSql)
        {
            Assert.True(manyOwners > 1, $"at most {manyOwners} of 40 writes of 40 owners ran at once on 4 lanes");
        }
        else
        {
            Assert.Equal(1, manyOwners); // SQLite's one writer
        }
    }

    [Fact]
    public async Task An_insert_assumed_new_that_was_not_runs_its_batch_again_and_each_write_gets_what_its_insert_did()
    {
        using var database = new Database(_location, writers: 1);
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE lane_keys (k TEXT PRIMARY KEY); INSERT INTO lane_keys (k) VALUES ('kept')";
            command.ExecuteNonQuery();
        }

        using var groupCommit = new GroupCommit(database, NullLogger<GroupCommit>.Instance, TimeProvider.System);
        var runs = new ConcurrentDictionary<string, int>();
        using var held = new HeldLane(groupCommit);

        // One batch: two writes insert the same new key, one a key that is there already, one a key of its own.
        var inserts = new[] { ("a", "twice"), ("b", "twice"), ("c", "kept"), ("d", "once") }.Select(write => groupCommit.WriteAsync(write.Item1, scope =>
        {
            runs.AddOrUpdate(write.Item1, 1, (_, n) => n + 1);
            return scope.InsertIfNew("INSERT INTO lane_keys (k) VALUES (@p0) ON CONFLICT (k) DO NOTHING", write.Item2);
        })).ToList();
        await held.ReleaseAsync();
        var inserted = await Task.WhenAll(inserts);

        Assert.Equal([true, false, false, true], inserted);
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT COUNT(*) FROM lane_keys";
            Assert.Equal(3L, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        }

        // PostgreSQL sent the inserts with the commit, assumed new, found two were not, and ran the batch again; SQLite ran each once.
        Assert.Equal(database.Engine == DatabaseEngine.PostgreSql ? 2 : 1, runs["d"]);
    }

    /// <summary>Forty writes, each taking 20 ms; how many of them were running at the same moment, at most.</summary>
    private static async Task<int> MostAtOnceAsync(GroupCommit groupCommit, Func<int, string> owner)
    {
        var running = 0;
        var most = 0;
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => groupCommit.WriteAsync(owner(i), _ =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(20);
            Interlocked.Decrement(ref running);
            return true;
        })));
        return most;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
