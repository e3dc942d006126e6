using System.Text;
using PayHub.Cli.Calls;
using PayHub.Client.Tests.Cli;
using PayHub.Cli.Conformance;
using PayHub.Protocols.Xml;

namespace PayHub.Client.Tests.Conformance;

/// <summary>
/// <c>payhub conform</c> against PayHub itself (every case runs and passes, on the demo profile) and against faulty peers
/// (PayHub behind a relay that breaks one rule): the cases that check that rule fail, saying why, and the others still pass.
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class ConformTests(DemoServer server)
{
    private static CallProfile Demo => CallProfile.Load(CallOutput.Example("demo-profile.json"));

    private static IEnumerable<ConformanceCase> CasesOf(string family, Uri address) => family switch
    {
        "utility" => UtilityConformance.Cases(Demo.Utility!, address),
        "dsp" => AgreementConformance.Cases(Demo.Dsp!, address),
        "global" => GlobalAccountsConformance.Cases(Demo.Global!, address),
        _ => RiskCaseConformance.Cases(Demo.Risk!, address),
    };

    private static Task<ConformanceReport> ConformAsync(string family, Uri address) =>
        ConformCommand.RunAsync(family, address, CasesOf(family, address), TimeProvider.System, CancellationToken.None);

    private static string Summary(ConformanceReport report)
    {
        using var text = new StringWriter();
        report.WriteSummary(text);
        return text.ToString();
    }

    [Theory]
    [InlineData("utility")]
    [InlineData("dsp")]
    [InlineData("global")]
    [InlineData("risk")]
    public async Task Every_case_runs_and_passes_against_payhub_on_the_demo_profile(string family)
    {
        var report = await ConformAsync(family, server.Address);

        Assert.True(report.Results.Count >= 20, Summary(report));
        Assert.True(report.Results.All(r => r.Outcome == CaseOutcome.Passed), Summary(report));
        Assert.All(report.Results, r => Assert.NotEmpty(r.Exchanges));
        // What the report keeps of each exchange holds no credential: signatures and signs are ***.
        var recorded = string.Join("\n", report.Results.SelectMany(r => r.Exchanges).Select(e => e.Sent + e.Received));
        Assert.DoesNotMatch(@"(?i)(signature: algorithm=RSA256,keyVersion=\d+,signature=[^*]|x-dsp-signature: [0-9a-f]{64}|""sign"":""[0-9A-F]{32}""|x-api-key: demo)", recorded);
    }

    [Fact]
    public async Task A_peer_answering_utf8_under_a_gbk_declaration_fails_the_charset_cases_and_passes_the_json_ones()
    {
        await using var peer = await FaultyPeer.StartAsync(server.Address, answerFault: (_, answer) =>
        {
            if (answer.Headers.TryGetValue("Content-Type", out var type) && type.StartsWith("application/xml", StringComparison.Ordinal) && SafeXml.DeclaredCharset(answer.Body) == "GBK")
            {
                answer.Body = Encoding.UTF8.GetBytes(XmlCharsets.GetString(XmlCharsets.Gbk, answer.Body));
            }
        });

        var report = await ConformAsync("utility", new Uri(peer.Urls.First()));

        var charset = report.Results.Single(r => r.Case.Id == "A03");
        Assert.Equal(CaseOutcome.Failed, charset.Outcome);
        Assert.Contains("bytes not valid in GBK", charset.Reason, StringComparison.Ordinal);
        Assert.Equal(CaseOutcome.Failed, report.Results.Single(r => r.Case.Id == "A01").Outcome);
        Assert.Equal(CaseOutcome.Passed, report.Results.Single(r => r.Case.Id == "A02").Outcome);
    }

    [Fact]
    public async Task A_peer_ignoring_transeq_idempotency_fails_the_altered_repeat()
    {
        // Each plain XML request gets a TranSeq of its own on the way in, and its answer the caller's back on the way out.
        var original = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        await using var peer = await FaultyPeer.StartAsync(
            server.Address,
            requestFault: (_, request) =>
            {
                var text = Encoding.Latin1.GetString(request.Body);
                var at = text.IndexOf("<TranSeq>", StringComparison.Ordinal);
                if (at >= 0)
                {
                    var end = text.IndexOf("</TranSeq>", at, StringComparison.Ordinal);
                    var fresh = Guid.NewGuid().ToString("N");
                    original[fresh] = text[(at + 9)..end];
                    request.Body = Encoding.Latin1.GetBytes(text[..(at + 9)] + fresh + text[end..]);
                }
            },
            answerFault: (_, answer) =>
            {
                var text = Encoding.Latin1.GetString(answer.Body);
                foreach (var (fresh, caller) in original)
                {
                    text = text.Replace(fresh, caller, StringComparison.Ordinal);
                }

                answer.Body = Encoding.Latin1.GetBytes(text);
            });

        var report = await ConformAsync("utility", new Uri(peer.Urls.First()));

        var altered = report.Results.Single(r => r.Case.Id == "A25");
        Assert.Equal(CaseOutcome.Failed, altered.Outcome);
        Assert.Equal("RespCode: expected 'DEF0004', got 'DEF0005'", altered.Reason);
        Assert.Equal(CaseOutcome.Passed, report.Results.Single(r => r.Case.Id == "A01").Outcome);
    }

    [Fact]
    public async Task A_peer_that_skips_the_signature_check_fails_every_ec906_case()
    {
        await using var peer = await FaultyPeer.StartAsync(server.Address, requestFault: FaultyPeer.SkipDspSignatureCheck);

        var report = await ConformAsync("dsp", new Uri(peer.Urls.First()));

        foreach (var id in new[] { "B09", "B10", "B11", "B21" })
        {
            var result = report.Results.Single(r => r.Case.Id == id);
            Assert.True(result.Outcome == CaseOutcome.Failed, $"{id}: {Summary(report)}");
            Assert.StartsWith("UnifiedCode: expected 'EC906'", result.Reason, StringComparison.Ordinal);
        }

        Assert.Equal(CaseOutcome.Passed, report.Results.Single(r => r.Case.Id == "B02").Outcome);
    }

    [Fact]
    public async Task A_peer_whose_answers_are_re_serialised_after_signing_fails_every_global_case()
    {
        await using var peer = await FaultyPeer.StartAsync(server.Address, answerFault: (_, answer) =>
            answer.Body = Encoding.UTF8.GetBytes(System.Text.Json.Nodes.JsonNode.Parse(answer.Body)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })));

        var report = await ConformAsync("global", new Uri(peer.Urls.First()));

        Assert.All(report.Results, r => Assert.Contains("does not verify", r.Reason, StringComparison.Ordinal));
        Assert.Equal(report.Results.Count, report.Count(CaseOutcome.Failed) + report.Count(CaseOutcome.NotRun));
    }

    [Fact]
    public async Task A_peer_hiding_an_outside_agentNo_behind_an_empty_page_fails_the_scope_case()
    {
        await using var peer = await FaultyPeer.StartAsync(server.Address, requestFault: (_, request) =>
        {
            if (Encoding.UTF8.GetString(request.Body).Contains("CONFORMNOAGENT", StringComparison.Ordinal))
            {
                request.AnswerInstead = """{"return_code":10000,"return_msg":"","data":{"total":0,"rows":[]}}"""u8.ToArray();
            }
        });

        var report = await ConformAsync("risk", new Uri(peer.Urls.First()));

        var scope = report.Results.Single(r => r.Case.Id == "D16");
        Assert.Equal((CaseOutcome.Failed, "return_code: expected '10004', got '10000'"), (scope.Outcome, scope.Reason));
        Assert.Equal(CaseOutcome.Passed, report.Results.Single(r => r.Case.Id == "D01").Outcome);
    }

    [Fact]
    public async Task A_profile_without_the_test_data_reports_those_cases_as_not_run_never_as_passed()
    {
        var profile = Demo.Utility!;
        profile.ContractNo = null;
        profile.Keys.Remove("3DES");

        var report = await ConformCommand.RunAsync("utility", server.Address, UtilityConformance.Cases(profile, server.Address), TimeProvider.System, CancellationToken.None);

        var notRun = report.Results.Where(r => r.Outcome == CaseOutcome.NotRun).ToList();
        Assert.Equal(["A05", "A06-3DES-CBC", "A06-3DES-ECB"], notRun.Select(r => r.Case.Id).Order(StringComparer.Ordinal));
        Assert.Contains("utility.contractNo", notRun.Single(r => r.Case.Id == "A05").Reason, StringComparison.Ordinal);
        Assert.Equal(report.Results.Count - 3, report.Count(CaseOutcome.Passed));
    }
}
