using PayHub.Storage;

namespace PayHub.Audit;

/// <summary><c>GET /admin/audit</c>: the newest audit rows, optionally of one family or request id.</summary>
public static class AuditAdminApi
{
    public static RouteGroupBuilder MapAuditAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", (Database database, string? family, string? requestId, int? limit) =>
            TypedResults.Ok(AuditTrailStore.Newest(database, family, requestId, Math.Clamp(limit ?? 100, 1, 1000))))
        .WithName("ListAudit")
        .WithSummary("The newest audit rows (masked), newest first");
        return admin;
    }
}
