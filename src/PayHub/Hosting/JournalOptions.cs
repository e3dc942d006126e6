namespace PayHub.Hosting;

/// <summary>
/// <c>PayHub:Journal</c>: what the request journal keeps of each exchange, and for how long. Unset, a sandbox keeps
/// every exchange's decoded bodies and its bytes as received; a production database the decoded bodies of refusals
/// only, the metadata of every exchange, and no bytes.
/// </summary>
public sealed class JournalOptions
{
    /// <summary><c>all</c> (every exchange's decoded, masked bodies), <c>refusals</c> (only refusals'), or <c>none</c>.</summary>
    public string? Bodies { get; set; }

    /// <summary>Whether the request's bytes as received are kept (credential values masked).</summary>
    public bool? Raw { get; set; }

    /// <summary>Entries older than this are pruned.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>At most this many entries are kept; the oldest beyond it are pruned.</summary>
    public long MaxEntries { get; set; } = 1_000_000;

    /// <summary>How often the pruning pass runs.</summary>
    public int PruneIntervalMs { get; set; } = 60_000;
}
