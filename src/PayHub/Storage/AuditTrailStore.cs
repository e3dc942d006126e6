using Dapper;
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
    public static async Task<List<AuditView>> NewestAsync(Database database, string? family, string? requestId, int limit)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<AuditView>(
            """
            SELECT id AS Id, at AS At, family AS Family, operation AS Operation, caller AS Caller, sequence_no AS SequenceNo,
                   outcome AS Outcome, latency_ms AS LatencyMs, request_id AS RequestId, request AS Request, response AS Response
            FROM audit_trail
            WHERE (@family IS NULL OR family = @family) AND (@requestId IS NULL OR request_id = @requestId)
            ORDER BY id DESC LIMIT @limit
            """,
            new { family, requestId, limit });
        return rows.ToList();
    }
}
