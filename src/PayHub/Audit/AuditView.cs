using PayHub.Storage;

namespace PayHub.Audit;

/// <summary>One audit row as the admin API shows it (already masked when it was written).</summary>
public sealed record AuditView
{
    public long Id { get; init; }

    public string At { get; init; } = "";

    public string Family { get; init; } = "";

    public string Operation { get; init; } = "";

    public string Caller { get; init; } = "";

    public string SequenceNo { get; init; } = "";

    public string Outcome { get; init; } = "";

    public long LatencyMs { get; init; }

    public string RequestId { get; init; } = "";

    public string Request { get; init; } = "";

    public string Response { get; init; } = "";
}
