using System.Threading.Channels;
using Dapper;

namespace PayHub.Storage;

/// <summary>
/// Group commit: writes from concurrent requests are queued and run by one writer, many to a
/// transaction. When one write of a batch fails, the batch is rolled back and its writes are run
/// again one transaction each, so a failing write never takes the others with it.
/// Durability is pipelined: the writer commits without waiting for the disk and goes on with the
/// next batch, while a second loop flushes the write-ahead log to disk (one fsync for every batch
/// committed since the last) and only then completes the callers' tasks. No caller is answered
/// before its write is on disk.
/// </summary>
public sealed partial class GroupCommit : IDisposable
{
    private const int MaxBatch = 512;

    private readonly Database _database;
    private readonly ILogger<GroupCommit> _logger;
    private readonly Channel<PendingWrite> _queue =
        Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Channel<PendingWrite[]> _committed =
        Channel.CreateUnbounded<PendingWrite[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private readonly Task _writer;
    private readonly Task _syncer;

    public GroupCommit(Database database, ILogger<GroupCommit> logger)
    {
        _database = database;
        _logger = logger;
        // The writer runs on the thread pool: a thread already awake picks each batch up, which costs
        // far fewer context switches than waking a dedicated thread for every batch.
        _writer = Task.Run(WriteLoopAsync);
        _syncer = Task.Run(SyncLoopAsync);
    }

    /// <summary>Runs <paramref name="work"/> in the next batch; completes once that batch is committed.</summary>
    public Task<T> WriteAsync<T>(Func<WriteScope, T> work)
    {
        var pending = new PendingWrite<T>(work);
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
        _committed.Writer.TryComplete();
        _syncer.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task WriteLoopAsync()
    {
        WriteScope? scope = null;
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count < MaxBatch / 8)
            {
                // Let requests already running on the pool join this batch: fewer, larger commits.
                await Task.Yield();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }
            }

            try
            {
                scope ??= OpenScope();
                var committed = TryCommitTogether(scope, batch) ? [.. batch] : CommitOneByOne(scope, batch);
                _committed.Writer.TryWrite(committed);
            }
#pragma warning disable CA1031 // the writer must survive any failure and report it to the waiting callers
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogBatchFailed(_logger, e, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Fail(e);
                }

                scope?.Dispose();
                scope = null;
                _database.ForgetLogFile();
            }
        }

        scope?.Dispose();
    }

    private WriteScope OpenScope()
    {
        var connection = _database.Open();
        // NORMAL: a commit writes the log without waiting for the disk; SyncLoopAsync does the waiting.
        connection.Execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;");
        return new WriteScope(connection);
    }

    /// <summary>The common case: every write of the batch in one transaction. False (rolled back) when one of them failed.</summary>
    private static bool TryCommitTogether(WriteScope scope, List<PendingWrite> batch)
    {
        using (var transaction = scope.Connection.BeginTransaction())
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

            transaction.Commit();
        }

        return true;
    }

    /// <summary>After a failure: each write in its own transaction, so only the failing one fails. Returns the committed ones.</summary>
    private static PendingWrite[] CommitOneByOne(WriteScope scope, List<PendingWrite> batch)
    {
        var committed = new List<PendingWrite>(batch.Count);
        foreach (var pending in batch)
        {
            using var transaction = scope.Connection.BeginTransaction();
            scope.Enter(transaction);
            try
            {
                pending.Run(scope);
                transaction.Commit();
                committed.Add(pending);
            }
#pragma warning disable CA1031 // one write's failure is that caller's answer
            catch (Exception e)
#pragma warning restore CA1031
            {
                transaction.Rollback();
                pending.Fail(e);
            }
        }

        return [.. committed];
    }

    /// <summary>Makes committed batches durable, as many as have arrived with one flush, then answers their callers.</summary>
    private async Task SyncLoopAsync()
    {
        var ready = new List<PendingWrite[]>();
        while (await _committed.Reader.WaitToReadAsync())
        {
            ready.Clear();
            while (_committed.Reader.TryRead(out var committed))
            {
                ready.Add(committed);
            }

            try
            {
                _database.FlushLogToDisk();
                foreach (var pending in ready.SelectMany(c => c))
                {
                    pending.Complete();
                }
            }
#pragma warning disable CA1031 // a failed flush is every waiting caller's failure
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogBatchFailed(_logger, e, ready.Sum(c => c.Length));
                foreach (var pending in ready.SelectMany(c => c))
                {
                    pending.Fail(e);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Group commit of {Count} writes failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private abstract class PendingWrite
    {
        public abstract void Run(WriteScope scope);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<WriteScope, T> work) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override void Run(WriteScope scope) => _result = work(scope);

        public override void Complete() => _completion.TrySetResult(_result!);

        public override void Fail(Exception error) => _completion.TrySetException(error);
    }
}
