using System.Collections.Concurrent;

namespace PayHub.Audit;

/// <summary>
/// An answer on its way to the client whose journal entry or bytes are written after it (<see cref="AuditRecorder.AnswerGoingOut"/>):
/// <see cref="Queued"/> completes when it is disposed, once they are queued for the group commit.
/// </summary>
public sealed class AnswerGoingOut(ConcurrentDictionary<AnswerGoingOut, byte> goingOut) : IDisposable
{
    private readonly TaskCompletionSource _queued = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Queued => _queued.Task;

    /// <summary>The entry and bytes are queued; a second call does nothing.</summary>
    public void Dispose()
    {
        goingOut.TryRemove(this, out _);
        _queued.TrySetResult();
    }
}
