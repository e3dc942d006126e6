using Dapper;
using PayHub.Protocols.Utility;

namespace PayHub.Tests.Utility;

/// <summary>DEF0008–DEF0011, and a payment that is never made twice.</summary>
public sealed class BillingRefusalTests
{
    private static UtilityMessage Pay(string tranSeq, string amount, string? tranDate = null) =>
        BillingSessionTests.Request("Pay", tranSeq, tranDate).Set("companyId", "654321").Set("billKey", "123456").Set("amount", amount);

    private static long Payments(PayHubFactory factory, string tranSeq)
    {
        using var connection = factory.OpenDatabase();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM utility_payments WHERE tran_seq = @tranSeq", new { tranSeq });
    }

    private static long UnpaidBills(PayHubFactory factory)
    {
        using var connection = factory.OpenDatabase();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM utility_bills WHERE bill_key = '123456' AND payment_id IS NULL");
    }

    [Fact]
    public async Task DEF0008_when_nothing_is_owed_for_query_and_pay()
    {
        using var factory = new PayHubFactory();
        using (var admin = factory.Admin())
        {
            var customer = new { billKey = "PAIDUP", name = "赵六", phone = "13600000000", address = "深圳", customerStatus = 1, serviceStatus = 1, registerDate = "20240101" };
            await admin.PostAsJsonAsync("/admin/companies/654321/customers", customer);
        }

        var bank = new UtilityCaller(factory.CreateClient());
        var query = await bank.SendAsync(BillingSessionTests.Request("Query", "Q8").Set("companyId", "654321").Set("billKey", "PAIDUP"));
        var pay = await bank.SendAsync(BillingSessionTests.Request("Pay", "P8").Set("companyId", "654321").Set("billKey", "PAIDUP").Set("amount", "100"));

        Assert.Equal("DEF0008", query.RespCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, query.Status);
        Assert.Equal("DEF0008", pay.RespCode);
    }

    [Theory]
    [InlineData("29999")]
    [InlineData("30001")]
    [InlineData("15000")]
    public async Task DEF0009_when_the_amount_is_not_what_is_owed_and_nothing_is_paid(string amount)
    {
        using var factory = new PayHubFactory();
        var bank = new UtilityCaller(factory.CreateClient());

        var response = await bank.SendAsync(Pay("P9", amount));

        Assert.Equal("DEF0009", response.RespCode);
        Assert.Contains("30000", response["RespMessage"]);
        Assert.Equal(0, Payments(factory, "P9"));
        Assert.Equal(2, UnpaidBills(factory));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-100")]
    [InlineData("150.00")]
    [InlineData("")]
    public async Task An_amount_that_is_not_whole_positive_fen_is_DEF0002(string amount)
    {
        using var factory = new PayHubFactory();
        var response = await new UtilityCaller(factory.CreateClient()).SendAsync(Pay("P2", amount));
        Assert.Equal("DEF0002", response.RespCode);
        Assert.Contains("amount", response["RespMessage"]);
    }

    [Fact]
    public async Task DEF0010_when_the_original_payment_is_not_found_or_is_another_banks()
    {
        using var factory = new PayHubFactory();
        var bank = new UtilityCaller(factory.CreateClient());
        var today = BillingSessionTests.Today;
        Assert.Equal("AAAAAAA", (await bank.SendAsync(Pay("P10", "30000"))).RespCode);
        using var admin = factory.Admin();
        var created = await admin.PostAsJsonAsync("/admin/institutions", new { instId = "00002", name = "另一家银行" });
        var otherKey = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("apiKey").GetString();

        var unknown = await bank.SendAsync(BillingSessionTests.Request("PayInvalid", "R10").Set("origTranDate", today).Set("origTranSeq", "NOPE"));
        var othersPayment = await bank.SendAsync(
            UtilityEnvelope.Request("00002", "PayInvalid", today, "R11").Set("origTranDate", today).Set("origTranSeq", "P10"), apiKey: otherKey);

        Assert.Equal("DEF0010", unknown.RespCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("DEF0010", othersPayment.RespCode);
        Assert.Equal(0, UnpaidBills(factory));
    }

    [Fact]
    public async Task DEF0011_for_a_second_reversal_and_for_a_payment_of_another_day()
    {
        using var factory = new PayHubFactory();
        var bank = new UtilityCaller(factory.CreateClient());
        var today = BillingSessionTests.Today;
        var yesterday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(-1).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("AAAAAAA", (await bank.SendAsync(Pay("PY", "30000", yesterday))).RespCode);
        var pastDay = await bank.SendAsync(BillingSessionTests.Request("PayInvalid", "RY", yesterday).Set("origTranDate", yesterday).Set("origTranSeq", "PY"));
        var otherDate = await bank.SendAsync(BillingSessionTests.Request("PayInvalid", "RY2").Set("origTranDate", yesterday).Set("origTranSeq", "PY"));
        Assert.Equal("DEF0011", pastDay.RespCode);
        Assert.Equal("DEF0011", otherDate.RespCode);

        using (var admin = factory.Admin())
        {
            await admin.PostAsJsonAsync("/admin/companies/654321/customers/123456/bills", new { billMonth = "202403", amountFen = 12000 });
        }

        Assert.Equal("AAAAAAA", (await bank.SendAsync(Pay("PT", "12000"))).RespCode);
        Assert.Equal("AAAAAAA", (await bank.SendAsync(BillingSessionTests.Request("PayInvalid", "RT1").Set("origTranDate", today).Set("origTranSeq", "PT"))).RespCode);
        var again = await bank.SendAsync(BillingSessionTests.Request("PayInvalid", "RT2").Set("origTranDate", today).Set("origTranSeq", "PT"));
        Assert.Equal("DEF0011", again.RespCode);
        Assert.Contains("already reversed", again["RespMessage"]);
    }

    [Fact]
    public async Task Fifty_concurrent_identical_payments_pay_once_and_all_get_the_same_receipt()
    {
        using var factory = new PayHubFactory();
        var bank = new UtilityCaller(factory.CreateClient());

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => bank.SendAsync(Pay("P50", "30000"))));

        Assert.All(replies, r => Assert.Equal("AAAAAAA", r.RespCode));
        Assert.Single(replies.Select(r => r["receiptNo"]).Distinct());
        Assert.Equal(1, Payments(factory, "P50"));
        Assert.Equal(0, UnpaidBills(factory));
        var check = await bank.SendAsync(UtilityCaller.CustomerCheck());
        Assert.Equal("37", check["totalPayCount"]);
    }

    [Fact]
    public async Task The_same_TranSeq_with_another_amount_is_DEF0004_and_pays_nothing()
    {
        using var factory = new PayHubFactory();
        var bank = new UtilityCaller(factory.CreateClient());

        Assert.Equal("DEF0009", (await bank.SendAsync(Pay("P4", "100"))).RespCode);
        var corrected = await bank.SendAsync(Pay("P4", "30000"));
        Assert.Equal("DEF0004", corrected.RespCode);
        Assert.Equal(0, Payments(factory, "P4"));
        Assert.Equal(2, UnpaidBills(factory));

        Assert.Equal("AAAAAAA", (await bank.SendAsync(Pay("P5", "30000"))).RespCode);
        Assert.Equal("DEF0004", (await bank.SendAsync(Pay("P5", "30001"))).RespCode);
        Assert.Equal(1, Payments(factory, "P5"));
    }

    [Fact]
    public async Task A_repeated_reversal_answers_the_first_answer_again_and_reverses_once()
    {
        using var factory = new PayHubFactory();
        var bank = new UtilityCaller(factory.CreateClient());
        var today = BillingSessionTests.Today;
        Assert.Equal("AAAAAAA", (await bank.SendAsync(Pay("PR", "30000"))).RespCode);
        var reversal = BillingSessionTests.Request("PayInvalid", "RR").Set("origTranDate", today).Set("origTranSeq", "PR");

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => bank.SendAsync(reversal)));

        Assert.All(replies, r => Assert.Equal("AAAAAAA", r.RespCode));
        using var connection = factory.OpenDatabase();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM utility_reversals WHERE tran_seq = 'RR'"));
    }
}
