namespace PayHub.Storage;

/// <summary>
/// A write meant to insert a row that another transaction inserted since the write looked for it (an
/// <c>INSERT … ON CONFLICT DO NOTHING</c> that inserted nothing where the write had found nothing): its transaction is
/// rolled back and run again (<see cref="Database.RetryReason"/>), and run again it finds the other's row and changes
/// it, as if the two had run one after the other.
/// </summary>
public sealed class ConcurrentInsertException : Exception
{
    public ConcurrentInsertException()
        : base("another transaction inserted the row since this one looked for it")
    {
    }

    public ConcurrentInsertException(string message)
        : base(message)
    {
    }

    public ConcurrentInsertException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
