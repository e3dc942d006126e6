using System.Diagnostics;
using System.Threading.Channels;
using PayHub.Telemetry;

namespace PayHub.Storage;

/// <summary>
/// The request paths' writes. Each engine as it is built to be written:
/// <para>SQLite (group commit): writes from concurrent requests are queued and run by its one writer, many to a
/// transaction. When one write of a batch fails, the batch is rolled back and its writes are run again one
/// transaction each, so a failing write never takes the others with it. A commit writes the log without waiting for
/// the disk; the log is then flushed to disk (fsync) and only after that are the batch's callers answered. While one
/// batch is being flushed, the next one gathers every write that arrives, so under load the batches grow to fit the
/// disk: one transaction and one fsync for all of them.</para>
/// <para>PostgreSQL (concurrent writers): <see cref="Database.Writers"/> writers, each on its own connection, take the
/// queued writes one at a time, each write its own transaction: its row locks and the unique keys decide who waits
/// (docs/deployment.md, concurrent writers), so writes of other rows, on this node or another, run at the same time.
/// A write PostgreSQL broke for a deadlock or a serialization conflict, or that met a concurrent insert of its key,
/// runs again (<see cref="Database.RetryReason"/>). The commit returns once the server has the write on disk.</para>
/// No caller is answered before its write is on disk.
/// </summary>
public sealed partial class GroupCommit : IDisposable
{
    private const int MaxBatch = 1024;

    private readonly Database _database;
    private readonly ILogger<GroupCommit> _logger;
    private readonly TimeProvider _clock;
    private readonly Channel<PendingWrite> _queue;
    private readonly Task _writer;

    public GroupCommit(Database database, ILogger<GroupCommit> logger, TimeProvider clock)
    {
        _database = database;
        _logger = logger;
        _clock = clock;
        var batches = database.Engine == DatabaseEngine.Sqlite;
        _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = batches });
        // The writers belong to no request: nothing of the one that happened to create them (its span, its caller) flows in.
        if (ExecutionContext.IsFlowSuppressed())
        {
            _writer = StartWriters(batches);
        }
        else
        {
            using (ExecutionContext.SuppressFlow())
            {
                _writer = StartWriters(batches);
            }
        }
    }

    private Task StartWriters(bool batches) =>
        batches
            ? Task.Run(WriteLoopAsync)
            : Task.WhenAll(Enumerable.Range(0, _database.Writers).Select(_ => Task.Run(WriteEachLoopAsync)));

    /// <summary>Runs <paramref name="work"/> in the next batch; completes once that batch is committed and on disk.</summary>
    public Task<T> WriteAsync<T>(Func<WriteScope, T> work)
    {
        var pending = new PendingWrite<T>(work, answerOnPool: _database.Engine != DatabaseEngine.Sqlite) { QueuedAt = _clock.GetTimestamp(), Requester = Activity.Current };
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommit));
        }

        return pending.Task;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task WriteLoopAsync()
    {
        WriteScope? scope = null;
        var flushing = Task.CompletedTask;
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            // While the previous batch is on its way to disk, this one gathers what arrives.
            await flushing;
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            var started = _clock.GetTimestamp();
            var span = StartBatchSpan(batch, started);
            try
            {
                scope ??= OpenScope();
                PendingWrite[] committed = TryCommitTogether(scope, batch) ? [.. batch] : CommitOneByOne(scope, batch);
                var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _ = Task.Run(() => FlushThenAnswer(committed, flushed, started, span));
                flushing = flushed.Task;
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
            }
        }

        await flushing;
        scope?.Dispose();
    }

    /// <summary>
    /// One of PostgreSQL's concurrent writers: takes the next queued write, commits it in a transaction of its own
    /// (<see cref="CommitOneByOne"/>, with its retries) and answers its caller, whose continuation runs on the pool
    /// (<see cref="PendingWrite{T}"/>), so that this writer goes on with the next write at once.
    /// </summary>
    private async Task WriteEachLoopAsync()
    {
        WriteScope? scope = null;
        List<PendingWrite> one = new(1);
        while (await _queue.Reader.WaitToReadAsync())
        {
            if (!_queue.Reader.TryRead(out var pending))
            {
                continue;
            }

            one.Clear();
            one.Add(pending);
            var started = _clock.GetTimestamp();
            var span = StartBatchSpan(one, started);
            try
            {
                scope ??= OpenScope();
                var committed = CommitOneByOne(scope, one);
                PayHubMeter.GroupCommitDuration.Record(_clock.GetElapsedTime(started).TotalSeconds);
                span?.Dispose();
                if (committed.Length == 1)
                {
                    pending.Complete();
                }
            }
#pragma warning disable CA1031 // the writer must survive any failure (its connection lost) and report it to the waiting caller
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogBatchFailed(_logger, e, 1);
                span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
                span?.Dispose();
                pending.Fail(e);
                scope?.Dispose();
                scope = null;
            }
        }

        scope?.Dispose();
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

    /// <summary>The common case: every write of the batch in one transaction. False (rolled back) when one of them failed.</summary>
    private bool TryCommitTogether(WriteScope scope, List<PendingWrite> batch)
    {
        using (var transaction = Database.BeginWrite(scope.Connection))
        {
            scope.Enter(transaction);
            foreach (var pending in batch)
            {
                try
                {
                    pending.Run(scope);
                }
#pragma warning disable CA1031 // any failure sends the batch down the one-by-one path
                catch (Exception)
#pragma warning restore CA1031
                {
                    transaction.Rollback();
                    return false;
                }
            }

            try
            {
                scope.SendAppended();
            }
#pragma warning disable CA1031 // an appended statement's failure sends the batch down the one-by-one path too
            catch (Exception)
#pragma warning restore CA1031
            {
                transaction.Rollback();
                return false;
            }

            transaction.Commit();
        }

        return true;
    }

    /// <summary>
    /// Each write in its own transaction (SQLite: after a batch failed, so only the failing one fails; PostgreSQL: always),
    /// one that PostgreSQL rolled back to break a deadlock or a serialization conflict, or that met a concurrent insert of
    /// its key, runs again, up to <see cref="Database.MaxWriteAttempts"/> times. Returns the committed ones.
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

        public abstract void Run(WriteScope scope);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<WriteScope, T> work, bool answerOnPool) : PendingWrite
    {
        // The write runs in its caller's execution context, so what flows with the request (the admitted caller whose
        // business clock the rules read, a trace) flows into its write on the writer's thread too.
        private readonly ExecutionContext? _context = ExecutionContext.Capture();
        private WriteScope? _scope;

        // SQLite: continuations run inline where the task completes: the flush answers its whole group on the one pool
        // thread it runs on, instead of one thread-pool dispatch per caller. PostgreSQL: on the pool, not on the writer.
        private readonly TaskCompletionSource<T> _completion = new(answerOnPool ? TaskCreationOptions.RunContinuationsAsynchronously : TaskCreationOptions.None);
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
