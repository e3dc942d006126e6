using System.Net;
using System.Text.Json.Nodes;
using PayHub.Protocols.Utility;
using PayHub.Tests.Agreements;
using PayHub.Tests.GlobalAccounts;
using PayHub.Tests.MultiNode;
using PayHub.Tests.RiskCases;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Telemetry;

/// <summary>
/// /metrics as Prometheus scrapes it from a real PayHub process (<c>PayHub:Metrics:Prometheus=admin</c>), read by the
/// test's own parser: a scripted mix of requests on every family counted exactly, by family, operation, code and check;
/// the operational gauges and ASP.NET Core's own metrics there; and made-up TranCodes and paths adding no series.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class MetricsTests : IAsyncLifetime
{
    private readonly string _folder = TestDatabases.NewFolder("metrics");
    private PayHubNode _node = null!;

    public async Task InitializeAsync() =>
        _node = await PayHubNode.StartAsync(TestDatabases.For(_folder), new Dictionary<string, string> { ["Metrics__Prometheus"] = "admin" });

    public Task DisposeAsync()
    {
        _node.Dispose();
        TestDatabases.DeleteFolder(_folder);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A scrape; with <paramref name="until"/>, scrapes again (for up to 10 s) until it holds: a request is counted once
    /// its answer has gone out, so the client may hold the last answer a moment before the count moves.
    /// </summary>
    private async Task<List<PrometheusSample>> ScrapeAsync(Func<List<PrometheusSample>, bool>? until = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var admin = _node.Admin();
            using var response = await admin.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            var samples = PrometheusScrape.Parse(await response.Content.ReadAsStringAsync());
            if (until is null || until(samples) || attempt == 100)
            {
                return samples;
            }

            await Task.Delay(100);
        }
    }

    private static double RequestsCounted(List<PrometheusSample> samples) =>
        samples.Where(s => s.Name == "payhub_requests_total").Sum(s => s.Value);

    [Fact]
    public async Task A_scripted_mix_on_every_family_is_counted_by_operation_code_and_check()
    {
        using var client = _node.Client();
        var utility = new UtilityCaller(client);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(UtilityRespCode.BadField, (await utility.SendAsync(UtilityCaller.CustomerCheck().Set("queryType", ""))).RespCode);
        }

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(UtilityRespCode.Success, (await utility.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
        }

        var dsp = new DspCaller(client);
        Assert.Equal("EC802", (await dsp.SendAsync(DspCaller.Query("ALIPAY01", payAct: DspCaller.NewPayAct()))).UnifiedCode);
        Assert.Equal("EC906", (await new DspCaller(client, secret: "not-the-secret").SendAsync(DspCaller.Query("ALIPAY01", payAct: DspCaller.NewPayAct()))).UnifiedCode);
        using var global = new GlobalCaller(client);
        const string inquiry = """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001"}""";
        Assert.Equal("SUCCESS", (await global.PostAsync(GlobalCaller.InquiryAccount, inquiry)).ResultCode);
        Assert.Equal("INVALID_SIGNATURE", (await global.PostAsync(GlobalCaller.InquiryAccount, inquiry, signedBody: "{}")).ResultCode);
        var risk = new RiskCaller(client);
        Assert.Equal(10000, (await risk.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 5 })).ReturnCode);
        Assert.Equal(10002, (await risk.PostAsync("/risk/case/query", new JsonObject { ["page"] = 1, ["rows"] = 5, ["accessid"] = RiskCaller.AccessId }, sign: "0123456789ABCDEF0123456789ABCDEF")).ReturnCode);

        var metrics = await ScrapeAsync(samples => RequestsCounted(samples) >= 11); // the eleven requests above

        double Requests(string family, string operation, string code) =>
            metrics.Value("payhub_requests_total", ("payhub_family", family), ("payhub_operation", operation), ("payhub_code", code));
        Assert.Equal(3, Requests("utility", "CustomerCheck", "DEF0002"));
        Assert.Equal(2, Requests("utility", "CustomerCheck", "AAAAAAA"));
        Assert.Equal(3, metrics.Value("payhub_refusals_total", ("payhub_family", "utility"), ("payhub_check", "fields")));
        Assert.Equal(5, metrics.Value("payhub_request_duration_seconds_count", ("payhub_family", "utility"), ("payhub_operation", "CustomerCheck")));
        Assert.Equal(1, Requests("dsp", "QryContract", "EC802"));
        Assert.Equal(1, metrics.Value("payhub_requests_total", ("payhub_family", "dsp"), ("payhub_code", "EC906")));
        Assert.Equal(1, metrics.Value("payhub_refusals_total", ("payhub_family", "dsp"), ("payhub_check", "signature")));
        Assert.Equal(1, Requests("global", "inquiryAccount", "SUCCESS"));
        Assert.Equal(1, Requests("global", "inquiryAccount", "INVALID_SIGNATURE"));
        Assert.Equal(1, Requests("risk", "query", "10000"));
        Assert.Equal(1, Requests("risk", "query", "10002"));

        // The storage, the caches and the gauges, and ASP.NET Core's and the runtime's own metrics beside PayHub's.
        Assert.True(metrics.Value("payhub_group_commit_batch_size_count") > 0);
        Assert.True(metrics.Value("payhub_write_lane_wait_seconds_count") > 0);
        Assert.True(metrics.Value("payhub_group_commit_duration_seconds_count") > 0);
        Assert.True(metrics.Value("payhub_cache_lookups_total", ("payhub_cache", "institutions"), ("payhub_result", "hit")) >= 4);
        Assert.Contains(metrics, s => s.Name == "payhub_push_outbox_depth" && s["payhub_state"] == "pending");
        Assert.Contains(metrics, s => s.Name == "payhub_resolver_backlog");
        Assert.Contains(metrics, s => s.Name == "http_server_request_duration_seconds_count");
        Assert.Contains(metrics, s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));

        // Never a sequence number, a customer or a caller as a label.
        Assert.DoesNotContain(metrics, s => s.Labels.Values.Any(v => v is "123456" or "REF-0001" or "demo-frontend" or "00001"));
    }

    [Fact]
    public async Task A_thousand_requests_with_made_up_trancodes_and_paths_add_no_label_values_beyond_other()
    {
        using var client = _node.Client();
        var utility = new UtilityCaller(client);
        using var global = new GlobalCaller(client);
        async Task SendMadeUpAsync(int i)
        {
            var tranCode = "Made" + i;
            Assert.Equal(UtilityRespCode.UnknownTranCode, (await utility.SendAsync(UtilityCaller.CustomerCheck().Set("TranCode", tranCode), path: "/utility/" + tranCode)).RespCode);
            Assert.Equal("INVALID_API", (await global.PostAsync($"/amsin/api/v1/made/up/path{i}", "{}")).ResultCode);
        }

        for (var i = 0; i < 10; i++)
        {
            await SendMadeUpAsync(i);
        }

        var before = await ScrapeAsync(samples => RequestsCounted(samples) >= 20);
        for (var i = 10; i < 500; i++)
        {
            await SendMadeUpAsync(i);
        }

        var after = await ScrapeAsync(samples => RequestsCounted(samples) >= 1000);

        // The series a request's content could name: those labelled by operation, code or check (a cache's hit and miss
        // come and go with time, not with what clients send).
        static HashSet<string> Series(List<PrometheusSample> samples) =>
            samples.Where(s => s.Name.StartsWith("payhub_", StringComparison.Ordinal) && s.Labels.Keys.Any(k => k is "payhub_operation" or "payhub_code" or "payhub_check"))
                .Select(s => s.Name + "{" + string.Join(",", s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}")
                .ToHashSet();
        Assert.Equal(Series(before).Order(StringComparer.Ordinal), Series(after).Order(StringComparer.Ordinal));
        Assert.Equal(500, after.Value("payhub_requests_total", ("payhub_family", "utility"), ("payhub_operation", "other"), ("payhub_code", "DEF0003")));
        Assert.Equal(500, after.Value("payhub_requests_total", ("payhub_family", "global"), ("payhub_operation", "other"), ("payhub_code", "INVALID_API")));
        Assert.DoesNotContain(after, s => s.Labels.Values.Any(v => System.Text.RegularExpressions.Regex.IsMatch(v, @"(Made|path)\d")));
    }

    [Fact]
    public async Task The_scrape_endpoint_needs_an_admin_token_and_is_absent_unless_configured()
    {
        using var anonymous = _node.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);

        await using var plain = new PayHubFactory();
        using var admin = plain.Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task On_a_listener_of_its_own_the_scrape_is_on_that_port_only()
    {
        var port = LoopbackEndpoint.FreePort();
        var folder = TestDatabases.NewFolder("metrics-listener");
        try
        {
            using var node = await PayHubNode.StartAsync(TestDatabases.For(folder), new Dictionary<string, string>
            {
                ["Metrics__Prometheus"] = "listener", ["Metrics__PrometheusPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            using var utility = node.Client();
            Assert.Equal(UtilityRespCode.Success, (await new UtilityCaller(utility).SendAsync(UtilityCaller.CustomerCheck())).RespCode);

            // A request is counted once its answer has left (after the client has it), so the scrape waits for the count.
            using var scraper = new HttpClient();
            var scraped = PrometheusScrape.Parse(await scraper.GetStringAsync($"http://localhost:{port}/metrics"));
            for (var attempt = 0; attempt < 100 && RequestsCounted(scraped) < 1; attempt++)
            {
                await Task.Delay(100);
                scraped = PrometheusScrape.Parse(await scraper.GetStringAsync($"http://localhost:{port}/metrics"));
            }

            using var admin = node.Admin();

            Assert.Equal(1, scraped.Value("payhub_requests_total", ("payhub_family", "utility"), ("payhub_code", "AAAAAAA")));
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/metrics")).StatusCode);
        }
        finally
        {
            TestDatabases.DeleteFolder(folder);
        }
    }

    [Fact]
    public async Task A_setting_that_is_none_of_the_three_stops_the_start_in_one_line()
    {
        var run = await Cli.PayhubCommand.RunAsync(
            new Dictionary<string, string> { ["PayHub__Metrics__Prometheus"] = "on" }, "serve", "--demo", "--urls", $"http://127.0.0.1:{LoopbackEndpoint.FreePort()}");

        Assert.Equal(78, run.ExitCode);
        Assert.Equal("payhub: PayHub:Metrics:Prometheus is 'on': off, admin (/metrics behind an admin token) or listener (a port of its own, PayHub:Metrics:PrometheusPort).", Assert.Single(run.ErrorLines));
    }
}
