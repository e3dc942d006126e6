using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.RegularExpressions;

namespace PayHub.Tests.Telemetry;

/// <summary>docs/grafana's dashboard and docs/operations.md's alert rules and table name only metrics PayHub has, under their Prometheus names.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task Every_metric_the_dashboard_and_the_operations_page_name_is_one_payhub_publishes()
    {
        var published = new ConcurrentDictionary<string, Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == "PayHub")
                {
                    published[instrument.Name] = instrument;
                }
            },
        };
        listener.Start();
        await using (var server = new PayHubFactory())
        {
            server.Settings["PayHub:Metrics:Prometheus"] = "admin";
            using var admin = server.Admin();
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/metrics")).StatusCode); // the server with its gauges is up
        }

        // OpenTelemetry's Prometheus names: dots as underscores, seconds spelt out, braced units left out, counters' _total.
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instrument in published.Values)
        {
            var name = instrument.Name.Replace('.', '_') + (instrument.Unit == "s" ? "_seconds" : "");
            switch (instrument)
            {
                case Counter<long> or Counter<double>:
                    names.Add(name + "_total");
                    break;
                case Histogram<long> or Histogram<double>:
                    names.UnionWith([name, name + "_bucket", name + "_sum", name + "_count"]);
                    break;
                default:
                    names.Add(name);
                    break;
            }
        }

        var root = Docs.DocsExamplesTests.Root;
        var named = MetricName().Matches(await File.ReadAllTextAsync(Path.Combine(root, "docs", "grafana", "payhub-dashboard.json"))
                + await File.ReadAllTextAsync(Path.Combine(root, "docs", "operations.md")))
            .Select(m => m.Value)
            .Where(name => name is not ("payhub_family" or "payhub_operation" or "payhub_code" or "payhub_check" or "payhub_channel" or "payhub_outcome"
                or "payhub_state" or "payhub_cache" or "payhub_result" or "payhub_reason"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(named.Count >= 15, string.Join(", ", named));
        Assert.Empty(named.Except(names).Order(StringComparer.Ordinal));
        Assert.Contains("payhub_resolver_backlog", names);
        Assert.Contains("payhub_channel_circuit_state", names);
    }

    [GeneratedRegex(@"\bpayhub_[a-z_]+[a-z]\b")]
    private static partial Regex MetricName();
}
