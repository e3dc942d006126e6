using System.Text.Json.Nodes;
using Dapper;

namespace PayHub.Tests.RiskCases;

/// <summary>Totals from the month table agree with counting every case, for ranges with whole months, partial edges, or neither.</summary>
public sealed class CaseTotalTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    [Theory]
    [InlineData("2023-05-01 00:00:00", "2023-05-31 23:59:59")]
    [InlineData("2023-04-18 14:22:00", "2023-06-03 17:05:00")]
    [InlineData("2023-04-18 14:22:01", "2023-06-03 17:04:59")]
    [InlineData("2023-05-10 00:00:00", "2023-05-20 08:30:00")]
    [InlineData("2023-01-01 00:00:00", "2023-12-31 23:59:59")]
    [InlineData("2020-02-01 00:00:00", "2020-02-29 23:59:59")]
    [InlineData("2020-02-03 00:00:00", "2020-02-04 00:00:00")]
    public async Task The_total_is_exact_for_any_range(string start, string end)
    {
        using var admin = factory.Admin();
        for (var i = 0; i < 3; i++)
        {
            // Cases created through the platform's side count too.
            var created = await admin.PostAsJsonAsync("/admin/cases", new { mercNum = "833163489120001", createTime = $"2023-05-{10 + i:D2} 12:00:00", caseNo = $"2023051{i}120000000000000{start.GetHashCode(StringComparison.Ordinal) & 0xFFFF:D5}{i}" });
            Assert.True(created.IsSuccessStatusCode || created.StatusCode == System.Net.HttpStatusCode.Conflict);
        }

        var answer = await new RiskCaller(factory.CreateClient()).QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 100, ["createTimeStart"] = start, ["createTimeEnd"] = end });

        using var connection = factory.OpenDatabase();
        var counted = connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM risk_cases c JOIN risk_merchants m ON m.merc_num = c.merc_num WHERE m.agent_no = 'FW1000161' AND c.create_time BETWEEN @start AND @end", new { start, end });
        Assert.Equal(counted, answer.Total);
        Assert.Equal(counted, answer.Rows.Count);
    }
}
