using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PayHub.Protocols.Agreements;
using PayHub.Protocols.GlobalAccounts;
using PayHub.Protocols.RiskCases;
using PayHub.Protocols.Utility;
using PayHub.Tests.Agreements;
using PayHub.Tests.GlobalAccounts;
using PayHub.Tests.RiskCases;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Sandbox;

/// <summary>
/// Triggers: every code of SPEC.md's tables (a copy kept with the tests) is given by a trigger or listed with how
/// to provoke it, the code enumerations hold exactly those codes, and every trigger the server lists gives its
/// code on every operation it names, through an ordinary, correctly signed request — kept, audited and signed as
/// a real answer is.
/// </summary>
public sealed class SandboxTriggerTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private static string Unique(string value, int length = 8) => value + Guid.NewGuid().ToString("N")[..length].ToUpperInvariant();

    [Fact]
    public async Task Every_code_of_SPEC_is_given_by_a_trigger_or_listed_with_how_to_provoke_it_and_the_enumerations_hold_exactly_those()
    {
        using var admin = factory.Admin();
        var table = await TriggerTable.FetchAsync(admin);
        var spec = TriggerTable.SpecCodes();

        var enumerations = new Dictionary<string, IEnumerable<string>>
        {
            ["utility"] = UtilityRespCode.All,
            ["dsp"] = UnifiedCode.All,
            ["global"] = ResultCode.All.Select(r => r.ResultCode),
            ["risk"] = RiskReturnCode.All.Select(c => c.ToString(CultureInfo.InvariantCulture)),
        };
        Assert.Equal(TriggerTable.Families.Order(), spec.Keys.Order());
        foreach (var family in TriggerTable.Families)
        {
            var specCodes = spec[family].Select(r => r.Code).ToList();
            Assert.True(specCodes.Count >= 8, $"{family}: the copy of SPEC.md lists {specCodes.Count} codes");
            Assert.Equal(specCodes.Order(), enumerations[family].Order());

            var listed = TriggerTable.Family(table, family);
            var triggered = TriggerTable.Answers(table, family).Select(a => a.Code).ToHashSet();
            var provoked = listed.GetProperty("provoked").EnumerateArray().ToDictionary(p => p.GetProperty("code").GetString()!, p => p.GetProperty("how").GetString()!);
            Assert.Empty(triggered.Intersect(provoked.Keys));
            Assert.Equal(specCodes.Order(), triggered.Concat(provoked.Keys).Order());
            Assert.All(provoked.Values, how => Assert.True(how.Length > 10, $"{family}: '{how}' does not say how"));
            Assert.False(string.IsNullOrWhiteSpace(listed.GetProperty("carrier").GetString()));
        }

        // C's statuses are the seed's: a U code is one a client retries.
        foreach (var (code, cells) in spec["global"])
        {
            Assert.Equal(cells[0], ResultCode.Of(code)!.ResultStatus);
        }
    }

    [Fact]
    public async Task The_triggers_table_of_docs_sandbox_md_lists_every_trigger_and_every_provoked_code()
    {
        using var admin = factory.Admin();
        var table = await TriggerTable.FetchAsync(admin);
        var page = await File.ReadAllTextAsync(Path.Combine(Docs.DocsExamplesTests.Root, "docs", "sandbox.md"));
        foreach (var family in TriggerTable.Families)
        {
            var listed = TriggerTable.Family(table, family);
            foreach (var trigger in listed.GetProperty("triggers").EnumerateArray())
            {
                var operations = string.Join(", ", trigger.GetProperty("operations").EnumerateArray().Select(o => o.GetString()));
                var row = $"| `{trigger.GetProperty("value").GetString()}` | `{trigger.GetProperty("gives").GetString()}` | {operations} |";
                Assert.True(page.Contains(row, StringComparison.Ordinal), $"docs/sandbox.md has no row {row}");
            }

            foreach (var provoked in listed.GetProperty("provoked").EnumerateArray())
            {
                var row = $"| `{provoked.GetProperty("code").GetString()}` | {provoked.GetProperty("how").GetString()} |";
                Assert.True(page.Contains(row, StringComparison.Ordinal), $"docs/sandbox.md has no row {row}");
            }
        }
    }

    [Fact]
    public async Task Each_utility_trigger_gives_its_code_on_each_of_its_operations_and_a_final_one_is_kept_under_the_TranSeq()
    {
        using var admin = factory.Admin();
        var bank = new UtilityCaller(factory.CreateClient());
        var answers = TriggerTable.Answers(await TriggerTable.FetchAsync(admin), "utility").ToList();
        Assert.True(answers.Count >= 15);
        foreach (var (value, code, operation) in answers)
        {
            var request = UtilityRequest(operation, Unique(value));
            var answer = await bank.SendAsync(request);
            Assert.True(code == answer.RespCode, $"{value} on {operation}: {answer.RespCode}");
            Assert.Equal((HttpStatusCode)UtilityRespCode.HttpStatus(code), answer.Status);
            var again = await bank.SendAsync(request);
            Assert.Equal(code, again.RespCode);
            if (UtilityRespCode.IsFinal(code))
            {
                // Kept: the same TranSeq with other content is a reuse, as after any final answer.
                var other = await bank.SendAsync(request.Set("filed1", "other content"));
                Assert.Equal(UtilityRespCode.TranSeqReused, other.RespCode);
            }
        }

        var payments = await admin.GetFromJsonAsync<List<JsonElement>>("/admin/companies/654321/customers/123456/payments");
        Assert.DoesNotContain(payments!, p => p.GetProperty("tranSeq").GetString()!.StartsWith("SANDBOX", StringComparison.Ordinal));
        var audit = await admin.GetFromJsonAsync<List<JsonElement>>("/admin/audit?family=sandbox&limit=1000");
        Assert.True(audit!.Count(r => r.GetProperty("operation").GetString() == "trigger") >= answers.Count * 2);
    }

    [Fact]
    public async Task A_rate_limit_trigger_answers_as_the_rate_limit_does_in_plain_text_before_decryption()
    {
        var bank = new UtilityCaller(factory.CreateClient());
        Assert.True(UtilityEncryption.TryParse("SM4", "CBC", out var encryption));
        var answer = await bank.SendAsync(UtilityCaller.CustomerCheck(Unique("SANDBOXSYS9998")), UtilityDataType.Xml, encryption);
        Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
        Assert.Equal(UtilityRespCode.RateLimited, answer.RespCode);
        Assert.StartsWith("<?xml", System.Text.Encoding.ASCII.GetString(answer.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_dsp_trigger_gives_its_code_on_each_of_its_steps_whatever_the_agreement_state()
    {
        using var admin = factory.Admin();
        var gateway = new DspCaller(factory.CreateClient());
        var answers = TriggerTable.Answers(await TriggerTable.FetchAsync(admin), "dsp").ToList();
        Assert.True(answers.Count >= 30);
        foreach (var (value, code, operation) in answers)
        {
            var request = DspRequest(operation, Unique(value, 12));
            var answer = await gateway.SendAsync(request);
            Assert.True(code == answer.UnifiedCode, $"{value} on {operation}: {answer.Text}");
            Assert.Equal(UnifiedCode.RespCodeOf(code), answer.RespCode);
            if (UnifiedCode.IsFinal(code))
            {
                request.Header.Set("TransSeqID", "RETRY");
                Assert.Equal(code, (await gateway.SendAsync(request)).UnifiedCode);
            }
        }

        var sms = await admin.GetFromJsonAsync<List<JsonElement>>("/admin/sms?limit=1000");
        Assert.DoesNotContain(sms!, m => m.GetProperty("text").GetString()!.Contains("SANDBOX", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_triggered_channel_code_is_the_channels_own_code_mapped_and_an_unknown_one_is_settled_by_the_resolver()
    {
        var gateway = new DspCaller(factory.CreateClient());
        var refused = await gateway.SendAsync(DspRequest("Contract/01", Unique("SANDBOX_EC806")));
        Assert.Equal(("fail", "F_ACCOUNT"), (refused["SignState"], refused["OriginalCode"]));

        var payAct = DspCaller.NewPayAct();
        var unknown = await gateway.SendAsync(DspCaller.Step("Contract", "01", payAct, reqSeqId: Unique("SANDBOX_EC902")));
        Assert.Equal((UnifiedCode.Unknown, "unknown"), (unknown.UnifiedCode, unknown["SignState"]));
        using var admin = factory.Admin();
        string? state = null;
        for (var i = 0; i < 100 && state is not "none"; i++)
        {
            await Task.Delay(100);
            state = (await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/agreements?payAct={payAct}"))!.Single().GetProperty("state").GetString();
        }

        Assert.Equal("none", state); // the channel never saw the step: its book has no agreement
    }

    [Fact]
    public async Task Each_global_trigger_gives_its_code_with_its_status_in_a_signed_answer()
    {
        using var admin = factory.Admin();
        using var client = new GlobalCaller(factory.CreateClient(), factory.Clock);
        var answers = TriggerTable.Answers(await TriggerTable.FetchAsync(admin), "global").ToList();
        Assert.True(answers.Count >= 12);
        foreach (var (value, code, operation) in answers)
        {
            var unique = Unique(value);
            var answer = operation switch
            {
                "inquiryAccount" => await client.PostAsync(GlobalCaller.InquiryAccount, $$"""{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"{{unique}}"}"""),
                "inquiryBalance" => await client.PostAsync(GlobalCaller.InquiryBalance, "{}", headers: ("Connected-CustomerId", unique)),
                _ => await client.PostAsync(GlobalCaller.ApplyToken, $$"""{"grantType":"AUTHORIZATION_CODE","authCode":"{{unique}}"}"""),
            };
            Assert.True(code == answer.ResultCode, $"{value} on {operation}: {answer.Text}");
            Assert.Equal(ResultCode.Of(code)!.ResultStatus, answer.ResultStatus);
        }
    }

    [Fact]
    public async Task Each_risk_trigger_gives_its_code_and_changes_no_case()
    {
        using var admin = factory.Admin();
        var agent = new RiskCaller(factory.CreateClient());
        var answers = TriggerTable.Answers(await TriggerTable.FetchAsync(admin), "risk").ToList();
        Assert.True(answers.Count >= 5);
        foreach (var (value, code, operation) in answers)
        {
            var answer = operation == "query"
                ? await agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 10, ["caseNo"] = Unique(value) })
                : await agent.PostAsync("/risk/case/reply", new JsonObject { ["caseNo"] = RiskCaller.SeedCaseNo, ["surveyRemark"] = "triggered", ["surveyWay"] = Unique(value) });
            Assert.True(int.Parse(code, CultureInfo.InvariantCulture) == answer.ReturnCode, $"{value} on {operation}: {answer.Text}");
            Assert.False(answer.Json.TryGetProperty("data", out _));
        }

        var seed = await admin.GetFromJsonAsync<JsonElement>($"/admin/cases/{RiskCaller.SeedCaseNo}");
        Assert.NotEqual("triggered", seed.GetProperty("row").GetProperty("surveyRemark").GetString());
    }

    [Fact]
    public async Task A_value_that_only_looks_like_a_trigger_is_ordinary_data()
    {
        var bank = new UtilityCaller(factory.CreateClient());
        Assert.Equal(UtilityRespCode.Success, (await bank.SendAsync(UtilityCaller.CustomerCheck(Unique("SANDBOXDEF0099")))).RespCode);
        Assert.Equal(UtilityRespCode.Success, (await bank.SendAsync(UtilityCaller.CustomerCheck(Unique("SANDBOXDELAYX")))).RespCode);
        Assert.Equal(UtilityRespCode.Success, (await bank.SendAsync(UtilityCaller.CustomerCheck(Unique("SANDBOXDEF0010")))).RespCode); // a PayInvalid trigger
        Assert.Equal(UtilityRespCode.Success, (await bank.SendAsync(UtilityCaller.CustomerCheck(Unique("XSANDBOXDEF0005")))).RespCode);
    }

    /// <summary>A valid request of a utility operation for the demo customer, with the given TranSeq.</summary>
    public static UtilityMessage UtilityRequest(string operation, string tranSeq) => operation switch
    {
        "CustomerCheck" => BillingSessionTests.Request("CustomerCheck", tranSeq).Set("companyId", "654321").Set("queryType", "0").Set("billKey", "123456"),
        "Query" => BillingSessionTests.Request("Query", tranSeq).Set("companyId", "654321").Set("billKey", "123456"),
        "Pay" => BillingSessionTests.Request("Pay", tranSeq).Set("companyId", "654321").Set("billKey", "123456").Set("amount", "30000"),
        "PayInvalid" => BillingSessionTests.Request("PayInvalid", tranSeq).Set("origTranDate", BillingSessionTests.Today).Set("origTranSeq", "NOSUCHPAYMENT"),
        "PayCheck" => BillingSessionTests.Request("PayCheck", tranSeq),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "not a utility operation"),
    };

    /// <summary>A valid request of a DSP operation (<c>Contract/01</c>, <c>QryContract</c>) for a new payer, with the given ReqSeqID.</summary>
    public static AtsyhRequest DspRequest(string operation, string reqSeqId)
    {
        if (operation == "QryContract")
        {
            var query = DspCaller.Query("ALIPAY01", authCode: "30101194506012712");
            query.Detail.Set("ReqSeqID", reqSeqId);
            return query;
        }

        var parts = operation.Split('/');
        return DspCaller.Step(parts[0], parts[1], DspCaller.NewPayAct(), smsCode: parts[1] == "02" ? DspCaller.FixedCode : null, reqSeqId: reqSeqId);
    }
}
