using System.Text.Json;
using PayHub.Protocols.RiskCases;
using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>
/// <c>POST /risk/case/query</c> (the seed): a page of the cases in the caller's tree, newest first,
/// with filters on caseNo, mercNum, the merchant's direct agentNo and the create-time range
/// (<c>max_amount</c> accepted as the seed's name for <c>createTimeStart</c>).
/// </summary>
public sealed class CaseQuery(Database database) : IRiskOperation
{
    public string Name => "query";

    public Task<RiskAnswer> AnswerAsync(RiskCall call)
    {
        var (caller, body) = (call.Caller, call.Body);
        var problems = new List<string>();
        var page = RiskFields.Integer(body, "page", 1, 1_000_000, problems);
        var rows = RiskFields.Integer(body, "rows", 1, 100, problems);
        var caseNo = RiskFields.Text(body, "caseNo", problems);
        var agentNo = RiskFields.Text(body, "agentNo", problems);
        var mercNum = RiskFields.Text(body, "mercNum", problems);
        var start = RiskFields.Time(body, "createTimeStart", problems);
        var alias = RiskFields.Time(body, "max_amount", problems);
        var end = RiskFields.Time(body, "createTimeEnd", problems);
        if (start is not null && alias is not null && start != alias)
        {
            problems.Add("max_amount: differs from createTimeStart (it is the same field)");
        }

        start ??= alias;
        if (start is not null && end is not null && string.CompareOrdinal(start, end) > 0)
        {
            problems.Add("createTimeEnd: before createTimeStart");
        }

        if (problems.Count > 0)
        {
            return Task.FromResult(RiskAnswer.Refuse(RiskReturnCode.BadParameter, string.Join("; ", problems)));
        }

        var filter = new CaseFilter(caseNo, mercNum, agentNo, start ?? "", end ?? "9999", page, rows);
        return database.ReadAsync(async db =>
        {
            // The agentNo filter names a direct agent: it must be the caller or below it, else the refusal is said, not hidden.
            if (agentNo is not null && !(await RiskCaseStore.AgentPathAsync(db, agentNo) is { } path
                && path.StartsWith(caller.AgentPath, StringComparison.Ordinal)))
            {
                return RiskAnswer.Refuse(RiskReturnCode.OutsideTree, "agentNo " + agentNo);
            }

            var (total, found) = await RiskCaseStore.PageAsync(db, caller.AgentNo, filter);
            var size = 64;
            foreach (var row in found)
            {
                size += RiskCaseRow.ObjectLengthAtMost(row.Length) + 1;
            }

            return new RiskAnswer(RiskReturnCode.Success, "", json =>
            {
                json.WriteNumber("total", total);
                json.WriteStartArray("rows");
                foreach (var row in found)
                {
                    RiskCaseRow.WriteFromValues(json, row);
                }

                json.WriteEndArray();
            }, size);
        }).AsTask();
    }
}
