namespace PayHub.Audit;

/// <summary>
/// One request and its answer as the audit trail keeps it. <see cref="Request"/> and
/// <see cref="Response"/> are already masked (see <see cref="AuditRecorder"/>).
/// </summary>
public sealed record AuditEntry(
    string Family,
    string Operation,
    string Caller,
    string SequenceNo,
    string Outcome,
    long LatencyMs,
    string RequestId,
    string Request,
    string Response);
