using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PayHub.Tests.RiskCases;

/// <summary>The reply and the platform's review: DTJ → DSH → TG or BH, repeated and out-of-turn replies, closing, scope.</summary>
public sealed class CaseReplyTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private readonly RiskCaller _agent = new(factory.CreateClient());

    private async Task<string> NewCaseAsync(string mercNum = "833163489120001")
    {
        using var admin = factory.Admin();
        var created = await admin.PostAsJsonAsync("/admin/cases", new { mercNum, typeNo = "T00038", riskTypeRules = "SR00045", caseDealWay = "investigate" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("row").GetProperty("caseNo").GetString()!;
    }

    private async Task<string?> StatusAsync(string caseNo) =>
        (await _agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 1, ["caseNo"] = caseNo })).Rows.SingleOrDefault().GetProperty("auditStatus").GetString();

    [Fact]
    public async Task A_reply_moves_a_DTJ_case_to_review_and_the_same_reply_again_changes_nothing()
    {
        var caseNo = await NewCaseAsync();
        Assert.Equal("DTJ", await StatusAsync(caseNo));

        var replied = await _agent.ReplyAsync(caseNo, "已电话回访,商户经营正常", "phone");
        var again = await _agent.ReplyAsync(caseNo, "已电话回访,商户经营正常", "phone");
        var other = await _agent.ReplyAsync(caseNo, "另一个回复");

        Assert.Equal(10000, replied.ReturnCode);
        var data = replied.Json.GetProperty("data");
        Assert.Equal(("DSH", "已电话回访,商户经营正常", "phone"), (data.GetProperty("auditStatus").GetString(), data.GetProperty("surveyRemark").GetString(), data.GetProperty("surveyWay").GetString()));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", data.GetProperty("submitTime").GetString());
        Assert.Equal(10000, again.ReturnCode);
        Assert.Equal(data.GetProperty("submitTime").GetString(), again.Json.GetProperty("data").GetProperty("submitTime").GetString());
        Assert.Equal(10006, other.ReturnCode);
        using var admin = factory.Admin();
        var view = await admin.GetFromJsonAsync<JsonElement>($"/admin/cases/{caseNo}");
        // The push sender, running beside the test, may have delivered the case by now ("pushed"): what the replies did is the rest.
        Assert.Equal(["created", "replied"], view.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()).Where(a => a != "pushed"));
    }

    [Fact]
    public async Task Returned_cases_take_a_new_reply_passed_and_closed_ones_none()
    {
        var caseNo = await NewCaseAsync();
        using var admin = factory.Admin();
        await _agent.ReplyAsync(caseNo, "第一次回复");

        var returned = await admin.PostAsJsonAsync($"/admin/cases/{caseNo}/audit", new { result = "BH", surveyResult = "材料不全" });
        var second = await _agent.ReplyAsync(caseNo, "补充材料后的回复");
        var passed = await admin.PostAsJsonAsync($"/admin/cases/{caseNo}/audit", new { result = "TG" });
        var afterPass = await _agent.ReplyAsync(caseNo, "再回复");
        var auditAgain = await admin.PostAsJsonAsync($"/admin/cases/{caseNo}/audit", new { result = "TG" });

        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Equal(10000, second.ReturnCode);
        Assert.Equal("补充材料后的回复", second.Json.GetProperty("data").GetProperty("surveyRemark").GetString());
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.Equal("TG", await StatusAsync(caseNo));
        Assert.Equal(10006, afterPass.ReturnCode);
        Assert.Equal(HttpStatusCode.Conflict, auditAgain.StatusCode);

        var toClose = await NewCaseAsync();
        var closed = await admin.PostAsJsonAsync($"/admin/cases/{toClose}/close", new { note = "商户已注销" });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(10006, (await _agent.ReplyAsync(toClose, "回复")).ReturnCode);
    }

    [Fact]
    public async Task A_case_outside_the_callers_tree_is_no_such_case_and_stays_as_it_was()
    {
        var second = new RiskCaller(factory.CreateClient(), RiskCaller.SecondAccessId, RiskCaller.SecondSecret);
        var caseNo = await NewCaseAsync();

        var answer = await second.ReplyAsync(caseNo, "不是我的案例");
        var missing = await _agent.ReplyAsync("99999999999999999999999999999", "没有这个案例");
        var noRemark = await _agent.PostAsync("/risk/case/reply", new JsonObject { ["caseNo"] = caseNo });

        Assert.Equal(10001, answer.ReturnCode);
        Assert.Contains("caseNo", answer.ReturnMessage, StringComparison.Ordinal);
        Assert.Equal(10001, missing.ReturnCode);
        Assert.Equal(10001, noRemark.ReturnCode);
        Assert.Contains("surveyRemark: required", noRemark.ReturnMessage, StringComparison.Ordinal);
        Assert.Equal("DTJ", await StatusAsync(caseNo));
    }

    [Fact]
    public async Task A_parent_agent_sees_its_sub_agents_cases_and_a_sub_agent_only_its_own()
    {
        using var admin = factory.Admin();
        var created = await admin.PostAsJsonAsync("/admin/agents", new { agentNo = "FW1000162", name = "二级服务商", parentAgentNo = "FW1000161" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var credentials = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True((await admin.PostAsJsonAsync("/admin/merchants", new { mercNum = "833163489120099", mercName = "二级商户", agentNo = "FW1000162", legalPerson = "赵四", legalPhone = "13800001234" })).IsSuccessStatusCode);
        var caseNo = await NewCaseAsync("833163489120099");
        var sub = new RiskCaller(factory.CreateClient(), credentials.GetProperty("accessid").GetString()!, credentials.GetProperty("secret").GetString()!);

        var parentView = await _agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 100, ["agentNo"] = "FW1000162" });
        var subView = await sub.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 100 });
        var upwards = await sub.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 100, ["agentNo"] = "FW1000161" });
        var subReply = await sub.ReplyAsync(caseNo, "二级服务商回复");

        Assert.Equal([caseNo], parentView.CaseNos);
        var row = parentView.Rows[0];
        Assert.Equal(("2级服务商编号:FW1000162", "FW1000161", "张亚飞测试测试", "二级服务商"),
            (row.GetProperty("level").GetString(), row.GetProperty("firstAgentNo").GetString(), row.GetProperty("firstAgentName").GetString(), row.GetProperty("agentName").GetString()));
        Assert.Equal([caseNo], subView.CaseNos);
        Assert.Equal(10004, upwards.ReturnCode);
        Assert.Equal(10000, subReply.ReturnCode);
    }
}
