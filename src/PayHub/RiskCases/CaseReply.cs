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
public sealed class CaseReply(GroupCommit groupCommit, TimeProvider clock) : IRiskOperation
{
    public string Name => "reply";

    public async Task<RiskAnswer> AnswerAsync(RiskCall call)
    {
        var (caller, body) = (call.Caller, call.Body);
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
        return await groupCommit.WriteAsync(RiskCaseStore.OwnerKey(caseNo!), scope =>
        {
            var answer = Reply(scope, caller, caseNo!, remark!, way, now, call.Exchange);
            call.RecordAudit(scope, answer);
            return answer;
        });
    }

    private static RiskAnswer Reply(WriteScope scope, RiskAgent caller, string caseNo, string remark, string way, DateTimeOffset now, RiskExchange exchange)
    {
        var state = RiskCaseStore.StateOf(scope, caseNo);
        if (state is null || !RiskCaseStore.InTree(scope, caseNo, caller.AgentNo))
        {
            return RiskAnswer.Refuse(RiskReturnCode.BadParameter, "caseNo: no such case");
        }

        var (status, closed, currentRemark, currentWay) = state.Value;
        if (closed || status == RiskCaseStore.Passed)
        {
            return RiskAnswer.Refuse(RiskReturnCode.NotAwaitingReply, closed ? "the case is closed" : "the case has passed review");
        }

        if (status == RiskCaseStore.InReview)
        {
            return currentRemark == remark && currentWay == way
                ? Replied(RiskCaseStore.Find(scope, caseNo)!)
                : RiskAnswer.Refuse(RiskReturnCode.NotAwaitingReply, "the case is in review with another reply");
        }

        RiskCaseStore.Reply(scope, caseNo, remark, way, now);
        RiskCaseStore.Changed(scope, caseNo, caller.AgentNo, "replied", status, RiskCaseStore.InReview, "", null, now);
        exchange.MadeEffect();
        return Replied(RiskCaseStore.Find(scope, caseNo)!);
    }

    private static RiskAnswer Replied(RiskCaseRow row) => new(RiskReturnCode.Success, "", json => row.WriteFields(json));
}
