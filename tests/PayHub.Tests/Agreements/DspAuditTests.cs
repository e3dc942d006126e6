using Dapper;

namespace PayHub.Tests.Agreements;

/// <summary>Every gateway request is in the audit trail, and neither it nor the log holds an unmasked account, name, phone or SMS code.</summary>
public sealed class DspAuditTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private readonly DspCaller _frontEnd = new(factory.CreateClient());

    [Fact]
    public async Task Audit_rows_and_log_lines_hold_personal_data_only_masked()
    {
        var payAct = DspCaller.NewPayAct();
        await _frontEnd.SignAsync(payAct);
        await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct("9902")));
        await _frontEnd.PostAsync(System.Text.Encoding.UTF8.GetBytes("<ATSYH><TransReq><TransParam><DetailRecord><PayAct>" + payAct + "</PayAct></DetailRecord></TransParam></TransReq></ATSYH>"), signature: new string('0', 64));

        using var connection = factory.OpenDatabase();
        var rows = connection.Query<(string Operation, string Caller, string Outcome, string Request, string Response)>(
            "SELECT operation, caller, outcome, request, response FROM audit_trail WHERE family = 'dsp'").ToList();

        Assert.Contains(rows, r => r.Operation == "Contract/01" && r.Outcome == "EC100" && r.Caller == "demo-frontend");
        Assert.Contains(rows, r => r.Operation == "Contract/02" && r.Outcome == "EC000");
        Assert.Contains(rows, r => r.Outcome == "EC904");
        Assert.Contains(rows, r => r.Outcome == "EC906");
        var masked = payAct[..6] + new string('*', payAct.Length - 10) + payAct[^4..];
        Assert.Contains(rows, r => r.Request.Contains(masked, StringComparison.Ordinal));
        var everything = string.Join("\n", rows.Select(r => r.Request + r.Response).Concat(factory.Logs.Lines));
        foreach (var secret in (string[])[payAct, "6217661145901883428", "15158040490", "名侦探悟空", "姬俞", "123456"])
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        Assert.Contains("151****0490", everything, StringComparison.Ordinal);
        Assert.Contains("名****", everything, StringComparison.Ordinal);
    }
}
