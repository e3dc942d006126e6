using System.Data.Common;
using System.Net;
using System.Text;
using PayHub.Protocols.Agreements;
using PayHub.Storage;
using PayHub.Tests.Agreements;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Sandbox;

/// <summary>
/// <c>POST /admin/sandbox/reset</c>: the business data back to a new database's demo (or empty) in one
/// transaction, the admin tokens and the audit trail kept, and no node answering from a cache filled before it.
/// </summary>
public sealed class ResetTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("reset");

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    private static readonly string[] Tables =
    [
        "utility_institutions", "utility_companies", "utility_customers", "utility_payments", "utility_requests", "utility_bills", "utility_reversals",
        "dsp_front_ends", "dsp_channels", "dsp_code_map", "dsp_agreements", "dsp_agreement_events", "dsp_requests", "dsp_sandbox_agreements", "dsp_sms_outbox",
        "ga_integrators", "ga_integrator_keys", "ga_customers", "ga_certificates", "ga_integrator_customers", "ga_accounts", "ga_balances", "ga_grants",
        "risk_agents", "risk_merchants", "risk_cases", "risk_case_scope", "risk_case_counts", "risk_case_events", "risk_deliveries",
    ];

    /// <summary>Every business table's rows as text, without the columns that differ between two loads of one demo (times, sealed secrets).</summary>
    private static Dictionary<string, List<string>> Snapshot(PayHubFactory factory)
    {
        using var connection = factory.OpenDatabase();
        return Tables.ToDictionary(table => table, table => Rows(connection, table));
    }

    private static List<string> Rows(DbConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM " + table;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var name = reader.GetName(i);
                if (name is "at" || name.EndsWith("_at", StringComparison.Ordinal) || name.EndsWith("_ms", StringComparison.Ordinal) || name.EndsWith("_sealed", StringComparison.Ordinal))
                {
                    continue;
                }

                row.Append(name).Append('=').Append(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append(';');
            }

            rows.Add(row.ToString());
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private PayHubFactory Node()
    {
        var factory = PayHubFactory.On(_folder);
        factory.Settings["PayHub:RiskPushIntervalMs"] = "100";
        return factory;
    }

    private static async Task<HttpResponseMessage> ResetAsync(PayHubFactory factory, bool demo = true)
    {
        using var admin = factory.Admin();
        return await admin.PostAsync("/admin/sandbox/reset" + (demo ? "" : "?demo=false"), null);
    }

    [Fact]
    public async Task A_reset_puts_back_the_demo_of_a_new_database_and_keeps_tokens_and_the_audit_trail()
    {
        using var node = Node();
        var bank = new UtilityCaller(node.CreateClient());
        var fresh = Snapshot(node);

        var paid = await bank.SendAsync(BillingSessionTests.Request("Pay", "RESET01").Set("companyId", "654321").Set("billKey", "123456").Set("amount", "30000"), Protocols.Utility.UtilityDataType.Xml, null);
        Assert.Equal("AAAAAAA", paid.RespCode);
        Assert.Equal("EC100", (await new DspCaller(node.CreateClient()).SendAsync(DspCaller.Step(TransType.Contract, "01", DspCaller.NewPayAct()))).UnifiedCode);
        using (var admin = node.Admin())
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/admin/cases", new { mercNum = "833163489120001", typeNo = "T00038", riskTypeRules = "SR00045" })).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/admin/integrators", new { clientId = "RESET_CLIENT", name = "重置前", accountTypes = new[] { "RECEIVE_ACCOUNT" } })).StatusCode);
        }

        Assert.NotEqual(fresh["utility_payments"], Snapshot(node)["utility_payments"]);
        long auditRows;
        using (var connection = node.OpenDatabase())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT COUNT(*) FROM audit_trail";
            auditRows = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var reset = await ResetAsync(node);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal("""{"generation":1,"demo":true}""", await reset.Content.ReadAsStringAsync());
        Assert.Equal(fresh, Snapshot(node));
        using var after = node.Admin(); // the demo admin token still works
        var audit = await after.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/admin/audit?limit=1000");
        Assert.Equal(auditRows + 2, audit!.Count); // the reset's own row, and the admin request that asked for it
        Assert.Equal(("admin", "POST /admin/sandbox/reset"), (audit[0].GetProperty("family").GetString(), audit[0].GetProperty("operation").GetString()));
        Assert.Equal(("sandbox", "reset"), (audit[1].GetProperty("family").GetString(), audit[1].GetProperty("operation").GetString()));
        var again = await bank.SendAsync(BillingSessionTests.Request("Pay", "RESET01").Set("companyId", "654321").Set("billKey", "123456").Set("amount", "30000"), Protocols.Utility.UtilityDataType.Xml, null);
        Assert.Equal("AAAAAAA", again.RespCode); // the TranSeq is new again, and the bills are owed again
    }

    [Fact]
    public async Task Without_demo_a_reset_empties_the_business_data_and_no_node_answers_from_its_caches()
    {
        using var first = Node();
        using var second = Node();
        var firstBank = new UtilityCaller(first.CreateClient());
        var secondBank = new UtilityCaller(second.CreateClient());
        Assert.Equal("AAAAAAA", (await secondBank.SendAsync(UtilityCaller.CustomerCheck())).RespCode); // the second node now holds the institution in its cache

        Assert.Equal(HttpStatusCode.OK, (await ResetAsync(first, demo: false)).StatusCode);

        Assert.All(Snapshot(first), table => Assert.Empty(table.Value));
        Assert.Equal("EGG0001", (await firstBank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
        Assert.Equal("EGG0001", (await secondBank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
        Assert.Equal(HttpStatusCode.OK, (await ResetAsync(second)).StatusCode);
        Assert.Equal("AAAAAAA", (await firstBank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
    }

    [Fact]
    public async Task On_PostgreSQL_a_reset_is_answered_after_every_listening_node_forgot_its_caches()
    {
        using var first = Node();
        using var second = Node();
        var secondBank = await ListeningAndHoldingTheInstitutionAsync(first, second);

        Assert.Equal(HttpStatusCode.OK, (await ResetAsync(first, demo: false)).StatusCode);

        // Answered only once the second node had forgotten the institution it held (it did not ask: it heard).
        Assert.Equal("EGG0001", (await secondBank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
    }

    [Fact]
    public async Task A_node_whose_listening_connection_was_cut_asks_before_each_request_until_it_listens_again()
    {
        using var first = Node();
        using var second = Node();
        var secondBank = await ListeningAndHoldingTheInstitutionAsync(first, second);

        // Every listener cut (as a restarted database or a network fault would): no node hears the reset.
        using (var connection = first.OpenDatabase())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = TestDatabases.Engine == DatabaseEngine.PostgreSql
                ? $"SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{Notices.ListenerName}' AND datname = current_database()"
                : "SELECT 0";
            Assert.Equal(TestDatabases.Engine == DatabaseEngine.PostgreSql ? 2L : 0L, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(HttpStatusCode.OK, (await ResetAsync(first, demo: false)).StatusCode);
        Assert.Equal("EGG0001", (await secondBank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);

        // Listening again, each node hears the next reset.
        await WaitForListenersAsync(first, 2);
        Assert.Equal(HttpStatusCode.OK, (await ResetAsync(first)).StatusCode);
        Assert.Equal("AAAAAAA", (await secondBank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
        Assert.Equal(HttpStatusCode.OK, (await ResetAsync(first, demo: false)).StatusCode);
        Assert.Equal("EGG0001", (await secondBank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
    }

    /// <summary>
    /// Both nodes started and (on PostgreSQL) hearing resets, so that their requests no longer ask the database; the second
    /// node holding the demo institution in its cache. Returns the second node's bank.
    /// </summary>
    private static async Task<UtilityCaller> ListeningAndHoldingTheInstitutionAsync(PayHubFactory first, PayHubFactory second)
    {
        var secondBank = new UtilityCaller(second.CreateClient());
        first.CreateClient().Dispose();
        await WaitForListenersAsync(first, 2);
        Assert.Equal("AAAAAAA", (await secondBank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
        return secondBank;
    }

    /// <summary>Until that many nodes listen for resets (PostgreSQL; SQLite has no listeners, and its nodes always ask).</summary>
    private static async Task WaitForListenersAsync(PayHubFactory node, long count)
    {
        if (TestDatabases.Engine != DatabaseEngine.PostgreSql)
        {
            return;
        }

        using var connection = node.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '{Notices.ListenerName}' AND datname = current_database()";
        for (var i = 0; i < 200 && Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) < count; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(count, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Requests_running_on_one_node_while_another_resets_get_real_answers_and_the_end_state_is_the_demo()
    {
        using var serving = Node();
        using var resetting = Node();
        var bank = new UtilityCaller(serving.CreateClient());
        _ = resetting.CreateClient();
        var fresh = Snapshot(serving);
        using var stop = new CancellationTokenSource();
        var codes = new System.Collections.Concurrent.ConcurrentBag<string>();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                codes.Add((await bank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
            }
        });

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ResetAsync(resetting)).StatusCode);
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await load;

        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.Equal("AAAAAAA", code)); // every answer from a whole state: before a reset or after it
        var end = Snapshot(serving);
        end.Remove("utility_requests"); // the checks that ran after the last reset are registered
        Assert.Equal(fresh.Where(t => t.Key != "utility_requests"), end);
    }
}
