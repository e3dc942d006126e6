using PayHub.Storage;

namespace PayHub.Tests.Storage;

/// <summary>
/// A lane held by a write that waits at a gate: the writes queued meanwhile make one batch once it opens. With one
/// writer, that is the next batch of the node. The constructor returns once the holding write runs (its batch is
/// taken: nothing queued afterwards joins it).
/// </summary>
internal sealed class HeldLane : IDisposable
{
    private readonly ManualResetEventSlim _gate = new();
    private readonly ManualResetEventSlim _running = new();
    private readonly Task<bool> _holder;

    public HeldLane(GroupCommit groupCommit, string owner = "0")
    {
        _holder = groupCommit.WriteAsync(owner, _ =>
        {
            _running.Set();
            return _gate.Wait(TimeSpan.FromSeconds(30));
        });
        Assert.True(_running.Wait(TimeSpan.FromSeconds(30)), "the holding write never ran");
    }

    /// <summary>Opens the gate; completes once the holding write is committed.</summary>
    public Task ReleaseAsync()
    {
        _gate.Set();
        return _holder;
    }

    public void Dispose()
    {
        _gate.Set();
        _holder.Wait(TimeSpan.FromSeconds(30));
        _gate.Dispose();
        _running.Dispose();
    }
}
