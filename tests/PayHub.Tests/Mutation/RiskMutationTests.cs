using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PayHub.Protocols.RiskCases;
using PayHub.Tests.RiskCases;
using Xunit.Abstractions;

namespace PayHub.Tests.Mutation;

/// <summary>
/// Family D under mutation: case queries and replies from the demo agent, mutated (fields, JSON types,
/// bytes) and signed again after mutating so that they reach the checks behind the sign. Every answer
/// must be HTTP 200 JSON in UTF-8 with a return_code of SPEC.md's table other than 19999, and a case
/// may change only under a 10000 reply.
/// </summary>
public sealed class RiskMutationTests(PayHubFactory factory, ITestOutputHelper output) : IClassFixture<PayHubFactory>
{
    private static readonly string[] Stages =
        ["1 JSON parsing (10001)", "2 accessid (10003)", "3 sign, timestamp (10002)", "4 rate limit (10005)", "5 parameters (10001)", "6 scope (10004)", "7 case state (10006)", "success (10000)"];

    private static readonly int[] Codes = [10000, 10001, 10002, 10003, 10004, 10005, 10006];

    [Fact]
    public async Task Mutated_queries_and_replies_get_the_familys_own_answers_and_change_nothing_else()
    {
        var campaign = new Campaign("D. Risk cases", Stages, output);
        var random = campaign.Random;
        using var http = factory.CreateClient();
        using var database = factory.OpenDatabase();
        const string state = "SELECT case_no, audit_status, survey_remark, survey_way, submit_time FROM risk_cases ORDER BY case_no";
        var before = Campaign.Fingerprint(database, state);
        for (var i = 0; i < Campaign.Count; i++)
        {
            var reply = random.Next(3) == 0;
            var body = reply
                ? new JsonObject { ["caseNo"] = random.Next(2) == 0 ? "20230512101500123456789000100" : "20230520083000223344556600100", ["surveyRemark"] = "已核实 " + random.Next(5), ["surveyWay"] = "phone" }
                : new JsonObject { ["page"] = 1 + random.Next(3), ["rows"] = 1 + random.Next(100), ["agentNo"] = "FW1000161", ["createTimeStart"] = "2023-05-01 00:00:00" };
            body["accessid"] = RiskCaller.AccessId;
            body["timestamp"] = factory.Clock.GetUtcNow().ToUnixTimeMilliseconds();
            var kind = "unmutated";
            var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json; charset=utf-8" };
            var where = random.Next(10);
            if (where < 6)
            {
                kind = Mutations.MutateJson(random, body);
            }

            body["sign"] = RiskSign.Sign(JsonSerializer.SerializeToElement(body), RiskCaller.Secret);
            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            if (where is 6 or 7)
            {
                kind = Mutations.MutateBytes(random, ref bytes);
            }
            else if (where == 8)
            {
                kind = Mutations.MutateHeader(random, headers);
            }

            var sent = Encoding.UTF8.GetString(bytes);
            using var response = await campaign.SendAsync(http, i, kind, sent, "POST", reply ? "/risk/case/reply" : "/risk/case/query", headers, bytes);
            if (response is null)
            {
                campaign.Reached(Stages[0], kind);
                continue;
            }

            var answer = await response.Content.ReadAsByteArrayAsync();
            var text = Encoding.UTF8.GetString(answer);
            var code = Judge(campaign, i, kind, sent, response, answer);
            campaign.Reached(StageOf(code, text), kind);
            var after = Campaign.Fingerprint(database, state);
            if (after != before)
            {
                if (!(reply && code == 10000))
                {
                    campaign.Violation(i, kind, "a case changed without a successful reply", sent, text);
                }

                campaign.DataChanged();
                before = after;
            }
        }

        campaign.Finish(Campaign.Count, Stages[0], Stages[2], Stages[4], Stages[^1]);
    }

    /// <summary>The answer's return_code, after checking everything SPEC.md says of an answer; 0 when there is none.</summary>
    private static int Judge(Campaign campaign, int i, string kind, string sent, HttpResponseMessage response, byte[] answer)
    {
        var text = Encoding.UTF8.GetString(answer);
        if (response.StatusCode != System.Net.HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            campaign.Violation(i, kind, $"HTTP {(int)response.StatusCode} {response.Content.Headers.ContentType}", sent, text);
            return 0;
        }

        if (!System.Text.Unicode.Utf8.IsValid(answer))
        {
            campaign.Violation(i, kind, "the answer is not UTF-8", sent, Convert.ToHexString(answer));
            return 0;
        }

        try
        {
            using var json = JsonDocument.Parse(answer);
            var code = json.RootElement.GetProperty("return_code").GetInt32();
            _ = json.RootElement.GetProperty("return_msg").GetString();
            if (!Codes.Contains(code))
            {
                campaign.Violation(i, kind, $"return_code {code} is not in the table (19999 is a system error)", sent, text);
            }

            return code;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            campaign.Violation(i, kind, "not the family's JSON answer: " + e.Message, sent, text);
            return 0;
        }
    }

    private static string StageOf(int code, string answer) => code switch
    {
        10001 when answer.Contains("JSON", StringComparison.Ordinal) || answer.Contains("larger than", StringComparison.Ordinal) => Stages[0],
        10003 => Stages[1],
        10002 => Stages[2],
        10005 => Stages[3],
        10001 => Stages[4],
        10004 => Stages[5],
        10006 => Stages[6],
        10000 => Stages[7],
        _ => Stages[0],
    };
}
