using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace PayHub.Storage;

/// <summary>
/// Group commit: writes from concurrent requests are queued and run by one writer, many to a
/// transaction, each inside its own savepoint so that one failing write does not undo the others.
/// A caller's task completes only after its batch has committed (is durable), or fails with the
/// error of its own write or of the commit.
/// </summary>
public sealed class GroupCommit : IDisposable
{
    private const int MaxBatch = 512;

    private readonly Database _database;
    private readonly ILogger<GroupCommit> _logger;
    private readonly Channel<PendingWrite> _queue =
        Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Thread _writer;

    public GroupCommit(Database database, ILogger<GroupCommit> logger)
    {
        _database = database;
        _logger = logger;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "payhub-group-commit" };
        _writer.Start();
    }

    /// <summary>Runs <paramref name="work"/> in the next batch; completes once that batch is committed.</summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> work)
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
        _writer.Join(TimeSpan.FromSeconds(10));
    }

    private void WriteLoop()
    {
        DbConnection? connection = null;
        var batch = new List<PendingWrite>(MaxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                connection ??= _database.Open();
                Commit(connection, batch);
            }
#pragma warning disable CA1031 // the writer must survive any failure and report it to the waiting callers
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogError(e, "Group commit of {Count} writes failed", batch.Count);
                foreach (var pending in batch)
                {
                    pending.Fail(e);
                }

                connection?.Dispose();
                connection = null;
            }
        }

        connection?.Dispose();
    }

    private static void Commit(DbConnection connection, List<PendingWrite> batch)
    {
        using (var transaction = connection.BeginTransaction())
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var savepoint = "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                transaction.Save(savepoint);
                try
                {
                    batch[i].Run(connection, transaction);
                    transaction.Release(savepoint);
                }
#pragma warning disable CA1031 // one write's failure is that caller's answer, not the batch's
                catch (Exception e)
#pragma warning restore CA1031
                {
                    transaction.Rollback(savepoint);
                    transaction.Release(savepoint);
                    batch[i].Fail(e);
                }
            }

            transaction.Commit();
        }

        foreach (var pending in batch)
        {
            pending.Complete();
        }
    }

    private abstract class PendingWrite
    {
        public abstract void Run(DbConnection connection, DbTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<DbConnection, DbTransaction, T> work) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private bool _ran;

        public Task<T> Task => _completion.Task;

        public override void Run(DbConnection connection, DbTransaction transaction)
        {
            _result = work(connection, transaction);
            _ran = true;
        }

        public override void Complete()
        {
            if (_ran)
            {
                _completion.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception error) => _completion.TrySetException(error);
    }
}
