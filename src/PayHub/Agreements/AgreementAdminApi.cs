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
            TypedResults.Ok(AgreementStore.Ids(database, bankCode, payAct, recAct, state, Math.Clamp(limit ?? 50, 1, 500)).Select(id => AgreementStore.View(database, id)!).ToList()))
            .WithName("ListAgreements").WithSummary("Agreements, newest first, with their history (?bankCode=&payAct=&recAct=&state=&limit=)");

        group.MapGet("/{authCode}", (string authCode, Database database) =>
            AgreementStore.IdByAuthCode(database, authCode) is { } id ? Results.Ok(AgreementStore.View(database, id)) : AdminApi.NotFound("No agreement with AuthCode " + authCode))
            .WithName("GetAgreement").Produces<AgreementView>(200).ProducesProblem(404).WithSummary("One agreement by its AuthCode, with its history");

        group.MapGet("/by-id/{id:long}", (long id, Database database) =>
            AgreementStore.View(database, id) is { } view ? Results.Ok(view) : AdminApi.NotFound("No agreement " + id))
            .WithName("GetAgreementById").Produces<AgreementView>(200).ProducesProblem(404).WithSummary("One agreement by the gateway's id (also before it has an AuthCode), with its history");

        return admin;
    }
}
