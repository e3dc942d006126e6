using System.Text.Json;
using PayHub.Protocols.RiskCases;
using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>
/// <c>POST /risk/case/reply</c> (beyond the seed): the agent's investigation reply. Accepted while the
/// case is DTJ (awaiting the reply) or BH (returned for another), and moves it to DSH (in review);
/// the same reply again in DSH is answered success and changes nothing; another reply in DSH, or any
/// in TG or after closing, is 10006. A case outside the caller's tree is answered as no such case.
/// </summary>
public sealed class CaseReply(GroupCommit groupCommit, TimeProvider clock)
{
    public async Task<RiskAnswer> AnswerAsync(RiskAgent caller, JsonElement body)
    {
        var problems = new List<string>();
        var caseNo = RiskFields.Text(body, "caseNo", problems);
        var remark = RiskFields.Text(body, "surveyRemark", problems, maxLength: 1000);
        var way = RiskFields.Text(body, "surveyWay", problems) ?? "";
        if (problems.Count == 0 && caseNo is null)
        {
            problems.Add("caseNo: required");
        }

        if (problems.Count == 0 && remark is null)
        {
            problems.Add("surveyRemark: required");
        }

        if (problems.Count > 0)
        {
            return RiskAnswer.Refuse(RiskReturnCode.BadParameter, string.Join("; ", problems));
        }

        var now = clock.GetUtcNow();
        var (code, detail, row) = await groupCommit.WriteAsync(scope =>
        {
            var state = RiskCaseStore.StateOf(scope, caseNo!);
            if (state is null || !RiskCaseStore.InTree(scope, caseNo!, caller.AgentNo))
            {
                return (RiskReturnCode.BadParameter, "caseNo: no such case", (RiskCaseRow?)null);
            }

            var (status, closed, currentRemark, currentWay) = state.Value;
            if (closed || status == RiskCaseStore.Passed)
            {
                return (RiskReturnCode.NotAwaitingReply, closed ? "the case is closed" : "the case has passed review", null);
            }

            if (status == RiskCaseStore.InReview)
            {
                return currentRemark == remark && currentWay == way
                    ? (RiskReturnCode.Success, "", RiskCaseStore.Find(scope, caseNo!))
                    : (RiskReturnCode.NotAwaitingReply, "the case is in review with another reply", null);
            }

            scope.Execute(
                "UPDATE risk_cases SET survey_remark = @p1, survey_way = @p2, submit_time = @p3, audit_status = @p4, updated_at = @p5 WHERE case_no = @p0",
                caseNo, remark, way, RiskCaseStore.CstNow(now), RiskCaseStore.InReview, now.ToString("O"));
            RiskCaseStore.Changed(scope, caseNo!, caller.AgentNo, "replied", status, RiskCaseStore.InReview, "", null, now);
            return (RiskReturnCode.Success, "", RiskCaseStore.Find(scope, caseNo!));
        });
        if (code != RiskReturnCode.Success)
        {
            return RiskAnswer.Refuse(code, detail);
        }

        return new RiskAnswer(RiskReturnCode.Success, "", json => row!.WriteFields(json));
    }
}
