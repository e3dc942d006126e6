using System.Globalization;
using System.Security.Cryptography;
using PayHub.Admin;
using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>
/// The platform's side of the case workflow: <c>/admin/cases</c> (create, read with history and
/// pushes, audit TG/BH, close), and the push outbox at <c>/admin/risk-deliveries</c> (list, redeliver).
/// Every change is pushed to the entitled agents.
/// </summary>
public static class RiskCaseAdminApi
{
    public static RouteGroupBuilder MapRiskCaseAdmin(this RouteGroupBuilder admin)
    {
        var cases = admin.MapGroup("/cases").WithTags("Risk cases: cases");
        cases.MapPost("", async (RiskCaseCreate body, Database database, GroupCommit groupCommit, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var errors = new Dictionary<string, string[]>();
            if (body.CaseNo is not null && (body.CaseNo.Length is < 1 or > 32 || !body.CaseNo.All(char.IsAsciiDigit)))
            {
                errors["caseNo"] = ["1 to 32 digits, or left out for a new one"];
            }

            if (body.CreateTime is not null && !DateTime.TryParseExact(body.CreateTime, RiskFields.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors["createTime"] = [RiskFields.TimeFormat];
            }

            if (body.AuditStatus is not (null or RiskCaseStore.Awaiting or RiskCaseStore.InReview or RiskCaseStore.Passed or RiskCaseStore.Returned))
            {
                errors["auditStatus"] = ["DTJ, DSH, TG or BH (default DTJ)"];
            }

            if (database.Read(db => RiskCaseStore.ChainOf(db, body.MercNum ?? "")) is null)
            {
                errors["mercNum"] = ["no such merchant"];
            }

            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var caseNo = body.CaseNo ?? now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)
                + RandomNumberGenerator.GetInt32(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture) + "100";
            var created = new NewCase(
                caseNo, body.MercNum!, body.CreateTime ?? RiskCaseStore.CstNow(now), body.AuditStatus ?? RiskCaseStore.Awaiting, body.TypeNo ?? "", body.RiskTypeRules ?? "",
                body.RiskTypeCaseDealWay ?? "", body.CaseDealWay ?? "", body.ReferOrders ?? "", body.CardNo ?? "", body.TermNo ?? "", body.Longitude ?? "",
                body.Latitude ?? "", body.Remark ?? "", body.FlowNodeKey ?? "", body.Suggest ?? "", body.CreateWay ?? "");
            var inserted = await groupCommit.WriteAsync(scope =>
            {
                if (RiskCaseStore.Exists(scope, caseNo))
                {
                    return false;
                }

                RiskCaseStore.Create(scope, created, "platform", now);
                return true;
            });
            return inserted ? Results.Created($"/admin/cases/{caseNo}", RiskCaseStore.View(database, caseNo)) : AdminApi.Conflict($"Case {caseNo} exists");
        }).WithName("CreateRiskCase").Produces<RiskCaseView>(201).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Raises a case against a merchant; it is pushed to every agent of the merchant's chain with a notify URL");

        cases.MapGet("/{caseNo}", (string caseNo, Database database) =>
            RiskCaseStore.View(database, caseNo) is { } view ? Results.Ok(view) : AdminApi.NotFound("No case " + caseNo))
            .WithName("GetRiskCase").Produces<RiskCaseView>(200).ProducesProblem(404).WithSummary("A case with its history and its pushes");

        cases.MapPost("/{caseNo}/audit", async (string caseNo, RiskAudit body, Database database, GroupCommit groupCommit, TimeProvider clock) =>
        {
            if (body.Result is not (RiskCaseStore.Passed or RiskCaseStore.Returned))
            {
                return AdminApi.Invalid(new() { ["result"] = ["TG (passed) or BH (returned for another reply)"] })!;
            }

            var now = clock.GetUtcNow();
            var outcome = await groupCommit.WriteAsync(RiskCaseStore.OwnerKey(caseNo), scope =>
            {
                var state = RiskCaseStore.StateOf(scope, caseNo);
                if (state is null)
                {
                    return "missing";
                }

                if (state.Value.Closed || state.Value.AuditStatus != RiskCaseStore.InReview)
                {
                    return "not in review";
                }

                RiskCaseStore.Audit(scope, caseNo, body.Result!, body.SurveyResult ?? "", now);
                RiskCaseStore.Changed(scope, caseNo, "platform", "audited", RiskCaseStore.InReview, body.Result!, body.SurveyResult ?? "", null, now);
                return "ok";
            });
            return outcome switch
            {
                "missing" => AdminApi.NotFound("No case " + caseNo),
                "not in review" => AdminApi.Conflict($"Case {caseNo} is not awaiting review (DSH)"),
                _ => Results.Ok(RiskCaseStore.View(database, caseNo)),
            };
        }).WithName("AuditRiskCase").Produces<RiskCaseView>(200).ProducesProblem(404).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Reviews the agent's reply: TG passes it, BH returns it for another reply");

        cases.MapPost("/{caseNo}/push", async (string caseNo, Database database, GroupCommit groupCommit, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var found = await groupCommit.WriteAsync(RiskCaseStore.OwnerKey(caseNo), scope =>
            {
                if (RiskCaseStore.StateOf(scope, caseNo) is not { } state)
                {
                    return false;
                }

                RiskCaseStore.Changed(scope, caseNo, "platform", "repushed", state.AuditStatus, state.AuditStatus, "pushed again on request", null, now);
                return true;
            });
            return found ? Results.Accepted($"/admin/cases/{caseNo}", RiskCaseStore.View(database, caseNo)) : AdminApi.NotFound("No case " + caseNo);
        }).WithName("PushRiskCase").Produces<RiskCaseView>(202).ProducesProblem(404).ProducesProblem(403).WithSummary("Pushes the case as it is now to every agent of its chain with a notify URL, again");

        cases.MapPost("/{caseNo}/close", async (string caseNo, RiskClose body, Database database, GroupCommit groupCommit, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var outcome = await groupCommit.WriteAsync(RiskCaseStore.OwnerKey(caseNo), scope =>
            {
                var state = RiskCaseStore.StateOf(scope, caseNo);
                if (state is null)
                {
                    return "missing";
                }

                if (state.Value.Closed)
                {
                    return "closed";
                }

                RiskCaseStore.Close(scope, caseNo, now);
                RiskCaseStore.Changed(scope, caseNo, "platform", "closed", state.Value.AuditStatus, state.Value.AuditStatus, body.Note ?? "", null, now);
                return "ok";
            });
            return outcome switch
            {
                "missing" => AdminApi.NotFound("No case " + caseNo),
                "closed" => AdminApi.Conflict($"Case {caseNo} is closed already"),
                _ => Results.Ok(RiskCaseStore.View(database, caseNo)),
            };
        }).WithName("CloseRiskCase").Produces<RiskCaseView>(200).ProducesProblem(404).ProducesProblem(409).ProducesProblem(403).WithSummary("Closes a case in any state; no reply is accepted after");

        var deliveries = admin.MapGroup("/risk-deliveries").WithTags("Risk cases: cases");
        deliveries.MapGet("", (Database database, string? state, string? caseNo) => TypedResults.Ok(database.Read(db => RiskDeliveryStore.Views(db, state, caseNo)))).WithName("ListRiskDeliveries").WithSummary("Pushes, newest first (?state=pending|delivered|failed&caseNo=)");

        deliveries.MapPost("/{deliveryId:long}/redeliver", async (long deliveryId, GroupCommit groupCommit, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var requeued = await groupCommit.WriteAsync(scope => RiskDeliveryStore.Requeue(scope, deliveryId, now.ToUnixTimeMilliseconds()));
            return requeued ? Results.Accepted() : AdminApi.Conflict($"Delivery {deliveryId} is not a failed one");
        }).WithName("RedeliverRiskPush").Produces(202).ProducesProblem(409).ProducesProblem(403).WithSummary("Sends a failed push again, with a fresh retry schedule");

        return admin;
    }
}
