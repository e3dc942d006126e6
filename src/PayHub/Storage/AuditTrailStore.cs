using PayHub.Audit;

namespace PayHub.Storage;

/// <summary><c>audit_trail</c>: one row per exchange, appended inside a write; read newest first by the admin API.</summary>
public static class AuditTrailStore
{
    public static void Append(WriteScope scope, AuditEntry entry, DateTimeOffset at) =>
        scope.Append(
            """
            INSERT INTO audit_trail (at, family, operation, caller, sequence_no, outcome, latency_ms, request_id, request, response)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)
            """,
            at.ToString("O"),
            entry.Family,
            entry.Operation,
            entry.Caller,
            entry.SequenceNo,
            entry.Outcome,
            entry.LatencyMs,
            entry.RequestId,
            entry.Request,
            entry.Response);

    /// <summary>The newest rows (of one family, of one request id, when given).</summary>
    public static List<AuditView> Newest(Database database, string? family, string? requestId, int limit) =>
        database.Read(db => db.Rows<AuditView>(
            """
            SELECT id AS Id, at AS At, family AS Family, operation AS Operation, caller AS Caller, sequence_no AS SequenceNo,
                   outcome AS Outcome, latency_ms AS LatencyMs, request_id AS RequestId, request AS Request, response AS Response
            FROM audit_trail
            WHERE (CAST(@p0 AS TEXT) IS NULL OR family = @p0) AND (CAST(@p1 AS TEXT) IS NULL OR request_id = @p1)
            ORDER BY id DESC LIMIT @p2
            """,
            family,
            requestId,
            limit));
}
