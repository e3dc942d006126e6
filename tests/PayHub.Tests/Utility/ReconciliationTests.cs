using System.Net;
using System.Text;
using System.Text.Json;
using PayHub.Protocols.Utility;

namespace PayHub.Tests.Utility;

/// <summary>PayCheck's file for a day with payments and reversals: it adds up, line by line, and the admin download is the same file.</summary>
public sealed class ReconciliationTests
{
    [Fact]
    public async Task A_day_with_payments_and_a_reversal_adds_up_line_by_line()
    {
        using var factory = new PayHubFactory();
        var today = BillingSessionTests.Today;
        using var admin = factory.Admin();
        var customer = new { billKey = "77001", name = "钱七", phone = "13500000000", address = "杭州市西湖区", customerStatus = 1, serviceStatus = 1, registerDate = "20220101" };
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/admin/companies/654321/customers", customer)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/admin/companies/654321/customers/77001/bills", new { billMonth = "202401", amountFen = 4200, lateFeeFen = 21 })).StatusCode);
        var bank = new UtilityCaller(factory.CreateClient());

        UtilityMessage Pay(string seq, string billKey, string amount, string channel) =>
            BillingSessionTests.Request("Pay", seq).Set("companyId", "654321").Set("billKey", billKey).Set("amount", amount).Set("channel", channel);
        Assert.Equal("AAAAAAA", (await bank.SendAsync(Pay("A1", "123456", "30000", "mobile"))).RespCode);
        Assert.Equal("AAAAAAA", (await bank.SendAsync(Pay("A2", "77001", "4221", "counter"))).RespCode);
        Assert.Equal("AAAAAAA", (await bank.SendAsync(BillingSessionTests.Request("PayInvalid", "A3").Set("origTranDate", today).Set("origTranSeq", "A1"))).RespCode);
        Assert.Equal("DEF0009", (await bank.SendAsync(Pay("A4", "123456", "1", "counter"))).RespCode);

        var response = await bank.SendAsync(BillingSessionTests.Request("PayCheck", "A5"));

        var lines = Encoding.UTF8.GetString(Convert.FromBase64String(response["fileContent"]!)).Split('\n');
        Assert.Equal(
            [
                "3|4221",
                $"{today}|A1|123456|30000|mobile|pay",
                $"{today}|A2|77001|4221|counter|pay",
                $"{today}|A3|123456|30000|mobile|reversal",
                "",
            ],
            lines);
        Assert.Equal("3", response["fileCount"]);
        Assert.Equal("4221", response["fileTotal"]);
        var body = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('|')).ToList();
        Assert.Equal(body.Count, int.Parse(response["fileCount"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(body.Sum(f => (f[5] == "pay" ? 1 : -1) * long.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture)), long.Parse(response["fileTotal"]!, System.Globalization.CultureInfo.InvariantCulture));

        var download = await admin.GetAsync($"/admin/institutions/00001/reconciliation/{today}");
        Assert.Equal("text/plain", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(string.Join('\n', lines), await download.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_day_without_transactions_is_an_empty_file_and_another_bank_sees_none_of_ours()
    {
        using var factory = new PayHubFactory();
        var bank = new UtilityCaller(factory.CreateClient());
        Assert.Equal("AAAAAAA", (await bank.SendAsync(BillingSessionTests.Request("Pay", "B1").Set("companyId", "654321").Set("billKey", "123456").Set("amount", "30000"))).RespCode);
        using var admin = factory.Admin();
        var created = await admin.PostAsJsonAsync("/admin/institutions", new { instId = "00002", name = "另一家银行" });
        var otherKey = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString();

        var quiet = await bank.SendAsync(BillingSessionTests.Request("PayCheck", "B2").Set("checkDate", "20200101"));
        var other = await bank.SendAsync(UtilityEnvelope.Request("00002", "PayCheck", BillingSessionTests.Today, "B3"), apiKey: otherKey);

        Assert.Equal(("0", "0", "0|0\n"), (quiet["fileCount"], quiet["fileTotal"], Encoding.UTF8.GetString(Convert.FromBase64String(quiet["fileContent"]!))));
        Assert.Equal(("0", "0"), (other["fileCount"], other["fileTotal"]));
    }
}
