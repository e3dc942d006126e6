using Dapper;
using PayHub.Storage;

namespace PayHub.Audit;

/// <summary><c>GET /admin/audit</c>: the newest audit rows, optionally of one family or request id.</summary>
public static class AuditAdminApi
{
    public static RouteGroupBuilder MapAuditAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", async (Database database, string? family, string? requestId, int? limit) =>
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
                new { family, requestId, limit = Math.Clamp(limit ?? 100, 1, 1000) });
            return TypedResults.Ok(rows.ToList());
        })
        .WithName("ListAudit")
        .WithSummary("The newest audit rows (masked), newest first");
        return admin;
    }
}
