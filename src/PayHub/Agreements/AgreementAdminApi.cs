using Dapper;
using PayHub.Admin;
using PayHub.Storage;

namespace PayHub.Agreements;

/// <summary>
/// Admin view of agreements with their whole history, so a support engineer can answer "why is
/// this agreement unsigned": <c>/admin/agreements?bankCode=&amp;payAct=&amp;state=</c>,
/// <c>/admin/agreements/{authCode}</c> and <c>/admin/agreements/by-id/{id}</c>.
/// </summary>
public static class AgreementAdminApi
{
    public static RouteGroupBuilder MapAgreementAdmin(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/agreements").WithTags("Agreement gateway: agreements");
        group.MapGet("", (Database database, string? bankCode, string? payAct, string? recAct, string? state, int? limit) =>
        {
            List<long> ids;
            using (var connection = database.Open())
            {
                ids = connection.Query<long>(
                    """
                    SELECT agreement_id FROM dsp_agreements
                    WHERE (@bankCode IS NULL OR bank_code = @bankCode) AND (@payAct IS NULL OR pay_act = @payAct)
                      AND (@recAct IS NULL OR rec_act = @recAct) AND (@state IS NULL OR state = @state)
                    ORDER BY agreement_id DESC LIMIT @limit
                    """,
                    new { bankCode, payAct, recAct, state, limit = Math.Clamp(limit ?? 50, 1, 500) }).ToList();
            }

            return TypedResults.Ok(ids.Select(id => View(database, id)!).ToList());
        }).WithName("ListAgreements").WithSummary("Agreements, newest first, with their history (?bankCode=&payAct=&recAct=&state=&limit=)");

        group.MapGet("/{authCode}", (string authCode, Database database) =>
        {
            using var connection = database.Open();
            var id = connection.ExecuteScalar<long?>("SELECT agreement_id FROM dsp_agreements WHERE auth_code = @authCode ORDER BY agreement_id LIMIT 1", new { authCode });
            return id is { } found ? Results.Ok(View(database, found)) : AdminApi.NotFound("No agreement with AuthCode " + authCode);
        }).WithName("GetAgreement").WithSummary("One agreement by its AuthCode, with its history");

        group.MapGet("/by-id/{id:long}", (long id, Database database) =>
            View(database, id) is { } view ? Results.Ok(view) : AdminApi.NotFound("No agreement " + id))
            .WithName("GetAgreementById").WithSummary("One agreement by the gateway's id (also before it has an AuthCode), with its history");

        return admin;
    }

    private static AgreementView? View(Database database, long id)
    {
        var agreement = database.Read(db => AgreementStore.FindById(db, id));
        if (agreement is null)
        {
            return null;
        }

        using var connection = database.Open();
        var history = connection.Query<AgreementEventView>(
            """
            SELECT at AS At, actor AS Actor, trans_type AS TransType, step AS Step, req_seq_id AS ReqSeqId, original_code AS OriginalCode,
                   unified_code AS UnifiedCode, from_state AS FromState, to_state AS ToState, note AS Note
            FROM dsp_agreement_events WHERE agreement_id = @id ORDER BY event_id
            """,
            new { id }).ToList();
        return new AgreementView(
            agreement.Id, agreement.BankCode, agreement.PayAct, agreement.RecAct, agreement.PolicyNo, agreement.AuthCode, agreement.State,
            agreement.OpenStep, agreement.CodeAttempts, agreement.UnknownTransType is null ? null : agreement.UnknownTransType + "/" + agreement.UnknownStep,
            agreement.PayName, agreement.RecName, agreement.CellPhone, agreement.DeadLine, agreement.SingleLimit, history);
    }
}
