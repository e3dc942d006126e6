using System.Collections.Concurrent;
using System.Diagnostics;

namespace PayHub.Storage;

/// <summary>
/// Writes that ride along: a write nobody waits for (the answer's bytes kept on a journal entry already committed) goes
/// into the next batch that any lane commits anyway, instead of a transaction and a commit of its own. When no batch
/// comes within <see cref="RideWait"/> (a quiet server), the riders are sent on their own. Whoever reads what they write
/// calls <see cref="SettleAsync"/> first, which sends them at once and waits until they are committed.
/// </summary>
public sealed partial class GroupCommit
{
    /// <summary>How long a rider waits for a batch to ride with before it is sent without one.</summary>
    public static readonly TimeSpan RideWait = TimeSpan.FromMilliseconds(20);

    private static readonly Comparer<PendingWrite> ByOwner = Comparer<PendingWrite>.Create(static (a, b) => string.CompareOrdinal(a.Owner, b.Owner));

    private readonly ConcurrentQueue<Rider> _riders = new();
    private readonly ConcurrentDictionary<Rider, byte> _ridersOutstanding = new();
    private int _rideTimerArmed;

    /// <summary>
    /// Runs <paramref name="work"/> in a later batch, one committed for other writes when one comes soon; nobody waits for
    /// it, and a failure is logged. Only for a statement whose row nothing else writes meanwhile (it runs after the other
    /// writes of its batch, in no order among them).
    /// </summary>
    public void WriteWithNextBatch(Action<WriteScope> work)
    {
        var rider = new Rider(work, this) { QueuedAt = _clock.GetTimestamp(), Requester = Activity.Current };
        _ridersOutstanding.TryAdd(rider, 0);
        _riders.Enqueue(rider);
        ArmRideTimer();
    }

    /// <summary>Sends the riders now and completes once every rider queued before the call is committed (or has failed).</summary>
    public async Task SettleAsync()
    {
        if (_ridersOutstanding.IsEmpty)
        {
            return;
        }

        var waiting = _ridersOutstanding.Keys.Select(r => r.Done).ToArray();
        var sending = new List<Task>();
        for (var left = waiting.Length; left > 0; left -= MaxBatch)
        {
            sending.Add(SendRidersAsync());
        }

        await Task.WhenAll(sending);
        await Task.WhenAll(waiting);
    }

    private void ArmRideTimer()
    {
        if (Interlocked.Exchange(ref _rideTimerArmed, 1) == 0)
        {
            try
            {
                _rideTimer.Change(RideWait, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Closing: Dispose sends what is left.
            }
        }
    }

    private Timer NewRideTimer() => new(static state => ((GroupCommit)state!).RideTimerFired(), this, Timeout.Infinite, Timeout.Infinite);

    private void RideTimerFired()
    {
        Volatile.Write(ref _rideTimerArmed, 0);
        if (!_riders.IsEmpty)
        {
            _ = SendRidersAsync();
        }
    }

    /// <summary>An empty write that makes a lane commit a batch, which takes the riders along; never fails (its batch's failure is the riders' to log).</summary>
    private async Task SendRidersAsync()
    {
        try
        {
            await WriteAsync(null, static _ => true);
        }
#pragma warning disable CA1031 // a failed batch fails its riders, which log it; the empty write has nothing to report
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Adds the queued riders to a batch (after its own writes, up to the batch's limit); re-arms the timer for any left.</summary>
    private void TakeRiders(List<PendingWrite> batch)
    {
        while (batch.Count < MaxBatch && _riders.TryDequeue(out var rider))
        {
            batch.Add(rider);
        }

        if (!_riders.IsEmpty)
        {
            ArmRideTimer();
        }
    }

    /// <summary>On closing: one empty write per batch's worth of riders left, so the writers commit them before they stop.</summary>
    private void SendLastRiders()
    {
        _rideTimer.Dispose();
        for (var left = _riders.Count; left > 0; left -= MaxBatch)
        {
            _ = SendRidersAsync();
        }
    }

    private sealed class Rider(Action<WriteScope> work, GroupCommit owner) : PendingWrite
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once the rider is committed or has failed: it never faults.</summary>
        public Task Done => _done.Task;

        public override void Run(WriteScope scope) => work(scope);

        public override void Complete()
        {
            owner._ridersOutstanding.TryRemove(this, out _);
            _done.TrySetResult();
        }

        public override void Fail(Exception error)
        {
            LogRiderFailed(owner._logger, error);
            owner._ridersOutstanding.TryRemove(this, out _);
            _done.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A write that rode along with a batch failed")]
    private static partial void LogRiderFailed(ILogger logger, Exception exception);
}
