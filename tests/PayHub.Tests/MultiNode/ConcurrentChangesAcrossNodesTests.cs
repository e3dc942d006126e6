using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using PayHub.Tests.Agreements;
using PayHub.Tests.RiskCases;
using PayHub.Tests.Utility;

namespace PayHub.Tests.MultiNode;

/// <summary>
/// Two nodes changing the same agreement, case or customer's bills at the same moment, in every pair of operations that
/// can meet: whatever interleaving the database saw, the result is that of some serial order. The history tables say so
/// (each event starts from the state the one before it left), and each answer is the answer its place in that order
/// gives. Several rounds each, since one round may happen not to overlap.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class ConcurrentChangesAcrossNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private const int Rounds = 6;

    [Fact]
    public async Task Two_nodes_stepping_one_agreement_leave_a_serial_history()
    {
        using var connection = nodes.OpenDatabase();
        for (var round = 0; round < Rounds; round++)
        {
            var payAct = DspCaller.NewPayAct();

            // Step 01 twice, under two ReqSeqIDs, one to each node: both find no agreement; one inserts it, the other
            // meets that insert and, run again, finds it and changes it.
            var applied = await BothAsync(
                n => new DspCaller(n.Client()).SendAsync(DspCaller.Step("Contract", "01", payAct, "GZELINK01")));
            Assert.All(applied, a => Assert.Equal("EC100", a.UnifiedCode));

            // Step 02 twice: one confirms; the other finds it confirmed (never a second confirmation from "pending").
            var confirmed = await BothAsync(
                n => new DspCaller(n.Client()).SendAsync(DspCaller.Step("Contract", "02", payAct, "GZELINK01", "123456")));
            Assert.Contains(confirmed, a => a.UnifiedCode == "EC000");

            // Unsign step 01 on one node while the other asks for the state: the query sees before or after, never between.
            var (unsign, query) = await PairAsync(
                n => new DspCaller(n.Client()).SendAsync(DspCaller.Step("DeContract", "01", payAct, "GZELINK01")),
                n => new DspCaller(n.Client()).SendAsync(DspCaller.Query("GZELINK01", payAct)));
            Assert.Equal("EC100", unsign.UnifiedCode);
            Assert.Equal("EC000", query.UnifiedCode);

            var agreements = connection.Query<(long Id, string State)>(
                "SELECT agreement_id, state FROM dsp_agreements WHERE bank_code = 'GZELINK01' AND pay_act = @payAct", new { payAct }).ToList();
            var agreement = Assert.Single(agreements);
            var history = connection.Query<(string From, string To, string Code)>(
                "SELECT from_state, to_state, unified_code FROM dsp_agreement_events WHERE agreement_id = @id ORDER BY event_id", new { id = agreement.Id }).ToList();
            AssertSerial("none", history.Select(e => (e.From, e.To)).ToList(), agreement.State, $"agreement {payAct}");
            Assert.Equal("unsign_pending", agreement.State);

            // Two step 02s, one confirmation: the second found the agreement signed.
            Assert.Single(history, e => e.From == "pending" && e.To == "signed");
        }
    }

    [Fact]
    public async Task Two_nodes_changing_one_case_leave_a_serial_history()
    {
        for (var round = 0; round < Rounds; round++)
        {
            // An agent's reply on one node while the platform closes the case on the other.
            var first = await NewCaseAsync();
            var (reply, close) = await PairAsync(
                n => new RiskCaller(n.Client()).ReplyAsync(first, "已核实 " + round),
                n => n.Admin().PostAsJsonAsync($"/admin/cases/{first}/close", new { note = "round " + round }));
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
            var history = CaseHistory(first);
            AssertSerial("", history.Select(e => (e.From, e.To)).ToList(), CaseState(first).AuditStatus, "case " + first);
            // The reply stood only if it came before the close.
            var replied = history.FindIndex(e => e.Action == "replied");
            var closed = history.FindIndex(e => e.Action == "closed");
            Assert.Equal(reply.ReturnCode == 10000, replied >= 0);
            Assert.True(replied < closed, "a reply after the close");
            Assert.Equal(replied >= 0 ? "DSH" : "DTJ", CaseState(first).AuditStatus);

            // Two reviews of one reply, one to each node (pass and return), and the close: at most one review takes it.
            var second = await NewCaseAsync();
            Assert.Equal(10000, (await new RiskCaller(nodes.A.Client()).ReplyAsync(second, "材料已补")).ReturnCode);
            var changes = await Task.WhenAll(
                nodes.A.Admin().PostAsJsonAsync($"/admin/cases/{second}/audit", new { result = "TG" }),
                nodes.B.Admin().PostAsJsonAsync($"/admin/cases/{second}/audit", new { result = "BH", surveyResult = "材料不全" }),
                nodes.Spread(round).Admin().PostAsJsonAsync($"/admin/cases/{second}/close", new { note = "round " + round }));
            // A review after the other review, or after the close, finds the case no longer awaiting review.
            Assert.All(changes[..2], c => Assert.Contains(c.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
            var audits = changes[..2].Count(c => c.StatusCode == HttpStatusCode.OK);
            Assert.InRange(audits, 0, 1);
            Assert.Equal(HttpStatusCode.OK, changes[2].StatusCode);
            var reviewed = CaseHistory(second);
            AssertSerial("", reviewed.Select(e => (e.From, e.To)).ToList(), CaseState(second).AuditStatus, "case " + second);
            Assert.Equal(audits, reviewed.Count(e => e.Action == "audited"));
            Assert.Equal("closed", reviewed[^1].Action);
            Assert.True(CaseState(second).Closed);
        }
    }

    [Fact]
    public async Task Payments_reversals_and_new_bills_of_one_customer_on_two_nodes_give_a_serial_outcome()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var billKey = await NewCustomerAsync(15000, 15000);

            // Two payments of what is owed (two TranSeqs, one to each node) while a third bill is issued: the payment that
            // comes first pays exactly the bills there were before it, the other finds nothing or another amount owed.
            var payments = new[] { "P" + UtilityCaller.NewTranSeq()[..10], "P" + UtilityCaller.NewTranSeq()[..10] };
            var paying = Task.WhenAll(payments.Select((seq, i) => new UtilityCaller((i == 0 ? nodes.A : nodes.B).Client()).SendAsync(Pay(billKey, seq, 30000))));
            var issuing = nodes.Spread(round).Admin().PostAsJsonAsync(
                $"/admin/companies/654321/customers/{billKey}/bills", new { billMonth = "202405", amountFen = 5000 });
            var answers = await paying;
            Assert.Equal(HttpStatusCode.Created, (await issuing).StatusCode);

            var bills = await BillsAsync(billKey);
            var paid = answers.Where(a => a.RespCode == "AAAAAAA").ToList();
            Assert.InRange(paid.Count, 0, 1);
            if (paid.Count == 1)
            {
                // The payment came before the new bill: it paid the two old ones, the new one is owed.
                Assert.Equal(["15000", "15000"], bills.Where(b => b.PaymentId is not null).Select(b => b.AmountFen.ToString(CultureInfo.InvariantCulture)));
                Assert.Null(bills.Single(b => b.BillMonth == "202405").PaymentId);
                var other = answers.Single(a => a.RespCode != "AAAAAAA");
                Assert.Contains(other.RespCode, new[] { "DEF0008", "DEF0009" }); // after the payment: nothing owed, or the new bill's 5000
            }
            else
            {
                // The new bill came first: both payments were for the wrong amount and nothing was paid.
                Assert.All(answers, a => Assert.Equal("DEF0009", a.RespCode));
                Assert.All(bills, b => Assert.Null(b.PaymentId));
                continue;
            }

            // The payment reversed twice (two TranSeqs, one to each node) while the new bill is paid: one reversal stands.
            var paidSeq = payments[Array.FindIndex(answers, a => a.RespCode == "AAAAAAA")];
            var reversals = Task.WhenAll(Enumerable.Range(0, 2).Select(i => new UtilityCaller((i == 0 ? nodes.B : nodes.A).Client())
                .SendAsync(BillingSessionTests.Request("PayInvalid", "R" + UtilityCaller.NewTranSeq()[..10]).Set("origTranDate", BillingSessionTests.Today).Set("origTranSeq", paidSeq))));
            var payNew = new UtilityCaller(nodes.Spread(round + 1).Client()).SendAsync(Pay(billKey, "P" + UtilityCaller.NewTranSeq()[..10], 5000));
            var reversed = await reversals;
            var newPaid = await payNew;
            Assert.Equal(1, reversed.Count(r => r.RespCode == "AAAAAAA"));
            Assert.Equal("DEF0011", reversed.Single(r => r.RespCode != "AAAAAAA").RespCode);
            bills = await BillsAsync(billKey);

            // The 5000 payment stood only if it came before the reversal made 35000 owed; afterwards the two old bills are owed again.
            Assert.Equal(newPaid.RespCode == "AAAAAAA", bills.Single(b => b.BillMonth == "202405").PaymentId is not null);
            Assert.Contains(newPaid.RespCode, new[] { "AAAAAAA", "DEF0009" });
            Assert.All(bills.Where(b => b.BillMonth != "202405"), b => Assert.Null(b.PaymentId));
        }
    }

    /// <summary>The same request shape sent to node A and node B at once.</summary>
    private async Task<T[]> BothAsync<T>(Func<PayHubNode, Task<T>> send) => await Task.WhenAll(send(nodes.A), send(nodes.B));

    /// <summary>Two operations, the first to A and the second to B, at once.</summary>
    private async Task<(T1, T2)> PairAsync<T1, T2>(Func<PayHubNode, Task<T1>> first, Func<PayHubNode, Task<T2>> second)
    {
        var a = first(nodes.A);
        var b = second(nodes.B);
        return (await a, await b);
    }

    /// <summary>Each event starts from the state the one before it left, the first from <paramref name="initial"/>, and the last leaves <paramref name="final"/>.</summary>
    private static void AssertSerial(string initial, List<(string From, string To)> history, string final, string what)
    {
        var state = initial;
        foreach (var (from, to) in history)
        {
            Assert.True(from == state, $"{what}: an event from {from} after the state was {state}: {string.Join(", ", history)}");
            state = to;
        }

        Assert.Equal(final, state);
    }

    private async Task<string> NewCaseAsync()
    {
        var created = await nodes.A.Admin().PostAsJsonAsync("/admin/cases", new { mercNum = "833163489120001", typeNo = "T00038", riskTypeRules = "SR00045", caseDealWay = "investigate" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("row").GetProperty("caseNo").GetString()!;
    }

    /// <summary>The case's changes in order, leaving out the pushes (recorded by the push sender as they are delivered, not as changes).</summary>
    private List<(string Action, string From, string To)> CaseHistory(string caseNo)
    {
        using var connection = nodes.OpenDatabase();
        return connection.Query<(string Action, string From, string To)>(
            "SELECT action, from_state, to_state FROM risk_case_events WHERE case_no = @caseNo AND action <> 'pushed' ORDER BY event_id", new { caseNo }).ToList();
    }

    private (string AuditStatus, bool Closed) CaseState(string caseNo)
    {
        using var connection = nodes.OpenDatabase();
        var row = connection.QuerySingle<(string AuditStatus, long Closed)>("SELECT audit_status, closed FROM risk_cases WHERE case_no = @caseNo", new { caseNo });
        return (row.AuditStatus, row.Closed == 1);
    }

    private async Task<string> NewCustomerAsync(params long[] bills)
    {
        var billKey = "C" + UtilityCaller.NewTranSeq()[..12];
        var admin = nodes.A.Admin();
        var created = await admin.PostAsJsonAsync("/admin/companies/654321/customers", new
        {
            billKey, name = "李四", phone = "13800000000", address = "深圳", customerStatus = 1, serviceStatus = 1, registerDate = "20240101",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        for (var i = 0; i < bills.Length; i++)
        {
            var bill = await admin.PostAsJsonAsync($"/admin/companies/654321/customers/{billKey}/bills", new { billMonth = $"2024{i + 1:D2}", amountFen = bills[i] });
            Assert.Equal(HttpStatusCode.Created, bill.StatusCode);
        }

        return billKey;
    }

    private async Task<List<BillRow>> BillsAsync(string billKey) =>
        (await nodes.B.Admin().GetFromJsonAsync<List<BillRow>>($"/admin/companies/654321/customers/{billKey}/bills"))!;

    private static PayHub.Protocols.Utility.UtilityMessage Pay(string billKey, string tranSeq, long amount) =>
        BillingSessionTests.Request("Pay", tranSeq).Set("companyId", "654321").Set("billKey", billKey).Set("amount", amount.ToString(CultureInfo.InvariantCulture));

    private sealed record BillRow(string BillMonth, long AmountFen, long? PaymentId);
}
