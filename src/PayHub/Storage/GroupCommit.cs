using System.Diagnostics;
using System.Threading.Channels;
using PayHub.Telemetry;

namespace PayHub.Storage;

/// <summary>
/// Group commit, the request paths' writes: writes from concurrent requests are queued and run many to a transaction.
/// When one write of a batch fails, the batch is rolled back and its writes are run again one transaction each, so a
/// failing write never takes the others with it; one PostgreSQL broke for a deadlock or a serialization conflict, or
/// that met a concurrent insert of its key, runs again (<see cref="Database.RetryReason"/>).
/// <para>SQLite: one writer (one lane). A commit writes the log without waiting for the disk; the log is then flushed
/// to disk (fsync) and only after that are the batch's callers answered. While one batch is being flushed, the next one
/// gathers every write that arrives, so under load the batches grow to fit the disk: one transaction and one fsync for
/// all of them.</para>
/// <para>PostgreSQL: <see cref="Database.Writers"/> lanes, each a writer with its own connection and thread, batching
/// as above; no lock is shared by all writes, row locks and unique keys decide who waits (docs/deployment.md,
/// concurrent writers). A write that names what it changes (its owner's key: the agreement, the customer, the case, the
/// request's sequence number) always goes to the same lane, so on one node writes of one owner never wait on each
/// other across lanes; and each batch runs its writes in the order of their keys, so that batches on different lanes
/// or nodes take their owners' row locks in one order and do not deadlock on them. The commit returns once the server
/// has the batch on disk.</para>
/// No caller is answered before its write is on disk.
/// </summary>
public sealed partial class GroupCommit : IDisposable
{
    private const int MaxBatch = 1024;

    private readonly Database _database;
    private readonly ILogger<GroupCommit> _logger;
    private readonly TimeProvider _clock;
    private readonly Channel<PendingWrite>[] _lanes;
    private readonly Task _writer;
    private readonly Timer _rideTimer;
    private int _nextLane;

    public GroupCommit(Database database, ILogger<GroupCommit> logger, TimeProvider clock)
    {
        _database = database;
        _logger = logger;
        _clock = clock;
        _lanes = [.. Enumerable.Range(0, database.Writers).Select(_ => Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true }))];
        // The writers belong to no request: nothing of the one that happened to create them (its span, its caller) flows in.
        if (ExecutionContext.IsFlowSuppressed())
        {
            (_writer, _rideTimer) = (StartWriters(), NewRideTimer());
        }
        else
        {
            using (ExecutionContext.SuppressFlow())
            {
                (_writer, _rideTimer) = (StartWriters(), NewRideTimer());
            }
        }
    }

    /// <summary>SQLite: its one writer on the pool, waiting for the disk between batches. PostgreSQL: each lane's writer on a thread of its own (its statements wait on the network, not a pool thread).</summary>
    private Task StartWriters() =>
        _database.Engine == DatabaseEngine.Sqlite
            ? Task.Run(() => WriteLoopAsync(_lanes[0].Reader))
            : Task.WhenAll(_lanes.Select(lane => Task.Factory.StartNew(() => LaneLoop(lane.Reader), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

    /// <summary>Runs <paramref name="work"/> in the next batch; completes once that batch is committed and on disk.</summary>
    public Task<T> WriteAsync<T>(Func<WriteScope, T> work) => WriteAsync(null, work);

    /// <summary>
    /// Runs <paramref name="work"/> in the next batch of the lane of <paramref name="owner"/>: the key of the row the write
    /// locks first (<c>"dsp-agreement/…"</c>, <c>"risk-case/…"</c>…), or null when it names none (any lane). Completes once
    /// that batch is committed and on disk.
    /// </summary>
    public Task<T> WriteAsync<T>(string? owner, Func<WriteScope, T> work)
    {
        var pending = new PendingWrite<T>(work) { Owner = owner, QueuedAt = _clock.GetTimestamp(), Requester = Activity.Current };
        var lane = _lanes.Length == 1 ? 0
            : owner is null ? (int)((uint)Interlocked.Increment(ref _nextLane) % (uint)_lanes.Length)
            : (int)((uint)StringComparer.Ordinal.GetHashCode(owner) % (uint)_lanes.Length);
        if (!_lanes[lane].Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommit));
        }

        return pending.Task;
    }

    public void Dispose()
    {
        SendLastRiders();
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        _writer.Wait(TimeSpan.FromSeconds(10));
    }

    /// <summary>SQLite's writer: while the previous batch is on its way to disk, the next one gathers what arrives.</summary>
    private async Task WriteLoopAsync(ChannelReader<PendingWrite> queue)
    {
        WriteScope? scope = null;
        var flushing = Task.CompletedTask;
        var batch = new List<PendingWrite>(MaxBatch);
        while (await queue.WaitToReadAsync())
        {
            await flushing;
            flushing = CommitBatch(queue, batch, ref scope);
        }

        await flushing;
        scope?.Dispose();
    }

    /// <summary>A PostgreSQL lane's writer, on its own thread: the commit returns once the batch is on disk, and its callers are answered on the pool.</summary>
    private void LaneLoop(ChannelReader<PendingWrite> queue)
    {
        WriteScope? scope = null;
        var batch = new List<PendingWrite>(MaxBatch);
        while (WaitForWrite(queue))
        {
            CommitBatch(queue, batch, ref scope);
        }

        scope?.Dispose();
    }

    /// <summary>Blocks the lane's own thread until a write is queued; false once the queue is closed and empty.</summary>
    private static bool WaitForWrite(ChannelReader<PendingWrite> queue)
    {
        var waiting = queue.WaitToReadAsync();
        return waiting.IsCompletedSuccessfully ? waiting.Result : waiting.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Takes what is queued (up to <see cref="MaxBatch"/>), commits it, and hands it to the pool to be flushed and
    /// answered; returns the flush, done once the disk has the batch. A failure of the connection itself fails the
    /// batch's callers and drops the connection (the next batch opens another).
    /// </summary>
    private Task CommitBatch(ChannelReader<PendingWrite> queue, List<PendingWrite> batch, ref WriteScope? scope)
    {
        batch.Clear();
        while (batch.Count < MaxBatch && queue.TryRead(out var next))
        {
            batch.Add(next);
        }

        var ownWrites = batch.Count;
        TakeRiders(batch);
        var started = _clock.GetTimestamp();
        var span = StartBatchSpan(batch, started);
        try
        {
            scope ??= OpenScope();
            if (_database.Engine == DatabaseEngine.PostgreSql && ownWrites > 1)
            {
                // In the order of their owners' keys: batches take their owners' row locks in one order (no deadlock on
                // them). The riders, which lock only rows of their own, stay after them.
                batch.Sort(0, ownWrites, ByOwner);
            }

            // Together, inserts of new keys assumed new (PostgreSQL); if one was not, together without assuming; if a write
            // fails, one by one.
            var together = TryCommitTogether(scope, batch, assumeInsertsNew: true);
            if (together == Together.InsertNotNew)
            {
                PayHubMeter.WriteRetries.Add(1, new KeyValuePair<string, object?>("payhub.reason", "insert_not_new"));
                together = TryCommitTogether(scope, batch, assumeInsertsNew: false);
            }

            PendingWrite[] committed = together == Together.Committed ? [.. batch] : CommitOneByOne(scope, batch);
            var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = Task.Run(() => FlushThenAnswer(committed, flushed, started, span));
            return flushed.Task;
        }
#pragma warning disable CA1031 // the writer must survive any failure and report it to the waiting callers
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogBatchFailed(_logger, e, batch.Count);
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            span?.Dispose();
            foreach (var pending in batch)
            {
                pending.Fail(e);
            }

            scope?.Dispose();
            scope = null;
            _database.ForgetLogFile();
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Makes a committed batch durable, then answers its callers (or fails them all when the disk
    /// refused). <paramref name="flushed"/> is set as soon as the disk has the batch, so the writer
    /// goes on with the next one while the callers' answers are still being written.
    /// </summary>
    private void FlushThenAnswer(PendingWrite[] committed, TaskCompletionSource flushed, long started, Activity? span)
    {
        try
        {
            _database.FlushLogToDisk();
            flushed.SetResult();
            PayHubMeter.GroupCommitDuration.Record(_clock.GetElapsedTime(started).TotalSeconds);
            span?.Dispose();
        }
#pragma warning disable CA1031 // a failed flush is every waiting caller's failure
        catch (Exception e)
#pragma warning restore CA1031
        {
            flushed.SetResult();
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            span?.Dispose();
            LogBatchFailed(_logger, e, committed.Length);
            foreach (var pending in committed)
            {
                pending.Fail(e);
            }

            return;
        }

        foreach (var pending in committed)
        {
            pending.Complete();
        }
    }

    /// <summary>
    /// Measures the batch (its size, each write's wait in the lane) and, when traced, opens its span: linked with the span
    /// of every request it carries, and each of those linked back with it, since one batch serves many requests.
    /// </summary>
    private Activity? StartBatchSpan(List<PendingWrite> batch, long started)
    {
        PayHubMeter.GroupCommitBatchSize.Record(batch.Count);
        if (PayHubMeter.WriteLaneWait.Enabled)
        {
            foreach (var pending in batch)
            {
                PayHubMeter.WriteLaneWait.Record(_clock.GetElapsedTime(pending.QueuedAt, started).TotalSeconds);
            }
        }

        if (!PayHubActivities.Storage.HasListeners())
        {
            return null;
        }

        var links = batch.Where(p => p.Requester is not null).Select(p => new ActivityLink(p.Requester!.Context)).ToList();
        var span = PayHubActivities.Storage.StartActivity(ActivityKind.Internal, parentContext: default, links: links, name: "group commit");
        if (span is not null)
        {
            span.SetTag("db.system.name", _database.Engine == DatabaseEngine.PostgreSql ? "postgresql" : "sqlite").SetTag("payhub.batch.size", batch.Count);
            foreach (var pending in batch)
            {
                pending.Requester?.AddLink(new ActivityLink(span.Context));
            }
        }

        return span;
    }

    private WriteScope OpenScope()
    {
        var connection = _database.Open();
        _database.PrepareWriter(connection);
        return new WriteScope(connection, _database);
    }

    private enum Together
    {
        Committed,
        InsertNotNew,
        Failed,
    }

    /// <summary>
    /// The common case: every write of the batch in one transaction. Rolled back when one of them failed, or when an
    /// insert assumed new (<see cref="PreparedStatements.InsertIfNew"/>) was not.
    /// </summary>
    private static Together TryCommitTogether(WriteScope scope, List<PendingWrite> batch, bool assumeInsertsNew)
    {
        using var transaction = Database.BeginWrite(scope.Connection);
        scope.Enter(transaction, assumeInsertsNew);
        try
        {
            foreach (var pending in batch)
            {
                pending.Run(scope);
            }

            scope.SendAppended();
        }
#pragma warning disable CA1031 // any failure, of a write or of an appended statement, sends the batch down another path
        catch (Exception)
#pragma warning restore CA1031
        {
            var insertNotNew = scope.InsertWasNotNew;
            transaction.Rollback();
            return insertNotNew ? Together.InsertNotNew : Together.Failed;
        }

        transaction.Commit();
        return Together.Committed;
    }

    /// <summary>
    /// After a failure: each write in its own transaction, so only the failing one fails; one that PostgreSQL rolled back
    /// to break a deadlock or a serialization conflict, or that met a concurrent insert of its key, runs again, up to
    /// <see cref="Database.MaxWriteAttempts"/> times. Returns the committed ones.
    /// </summary>
    private PendingWrite[] CommitOneByOne(WriteScope scope, List<PendingWrite> batch)
    {
        var committed = new List<PendingWrite>(batch.Count);
        foreach (var pending in batch)
        {
            for (var attempt = 1; ; attempt++)
            {
                using var transaction = Database.BeginWrite(scope.Connection);
                scope.Enter(transaction);
                try
                {
                    pending.Run(scope);
                    scope.SendAppended();
                    transaction.Commit();
                    committed.Add(pending);
                    break;
                }
#pragma warning disable CA1031 // one write's failure is that caller's answer
                catch (Exception e)
#pragma warning restore CA1031
                {
                    transaction.Rollback();
                    if (attempt < Database.MaxWriteAttempts && Database.RetryReason(e) is { } reason)
                    {
                        PayHubMeter.WriteRetries.Add(1, new KeyValuePair<string, object?>("payhub.reason", reason));
                        continue;
                    }

                    pending.Fail(e);
                    break;
                }
            }
        }

        return [.. committed];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Group commit of {Count} writes failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private abstract class PendingWrite
    {
        /// <summary>When the write joined the lane (the writer's clock).</summary>
        public long QueuedAt { get; init; }

        /// <summary>The span of the request that asked for the write, when traced.</summary>
        public Activity? Requester { get; init; }

        /// <summary>The key of the row the write locks first, when it names one (<see cref="WriteAsync{T}(string?, Func{WriteScope, T})"/>).</summary>
        public string? Owner { get; init; }

        public abstract void Run(WriteScope scope);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<WriteScope, T> work) : PendingWrite
    {
        // The write runs in its caller's execution context, so what flows with the request (the admitted caller whose
        // business clock the rules read, a trace) flows into its write on the writer's thread too.
        private readonly ExecutionContext? _context = ExecutionContext.Capture();
        private WriteScope? _scope;

        // Continuations run inline where the task completes: the flush answers its whole group on the
        // one pool thread it runs on, instead of one thread-pool dispatch per caller.
        private readonly TaskCompletionSource<T> _completion = new();
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override void Run(WriteScope scope)
        {
            if (_context is null)
            {
                _result = work(scope);
                return;
            }

            _scope = scope;
            ExecutionContext.Run(_context, static state => ((PendingWrite<T>)state!).RunHere(), this);
        }

        private void RunHere() => _result = work(_scope!);

        public override void Complete() => _completion.TrySetResult(_result!);

        public override void Fail(Exception error) => _completion.TrySetException(error);
    }
}
