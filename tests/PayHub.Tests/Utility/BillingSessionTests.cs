using System.Globalization;
using System.Text;
using PayHub.Protocols.Crypto;
using PayHub.Protocols.Utility;

namespace PayHub.Tests.Utility;

/// <summary>
/// The bank's whole day against the demo customer: check → query → pay → check → reverse → check →
/// reconcile, with every figure CustomerCheck reports at each step; in XML, JSON and under SM4-CBC.
/// </summary>
public sealed class BillingSessionTests
{
    /// <summary>Today in China time: reversals are accepted on the payment's own day only.</summary>
    public static string Today => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static UtilityMessage Request(string tranCode, string tranSeq, string? tranDate = null) =>
        UtilityEnvelope.Request("00001", tranCode, tranDate ?? Today, tranSeq);

    public static TheoryData<string> Formats() => ["XML", "JSON", "SM4-CBC"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Check_query_pay_check_reverse_check_reconcile(string format)
    {
        using var factory = new PayHubFactory();
        var bank = new UtilityCaller(factory.CreateClient());
        var dataType = format == "JSON" ? UtilityDataType.Json : UtilityDataType.Xml;
        var encryption = format == "SM4-CBC" ? new UtilityEncryption(BlockCipherKind.Sm4, BlockChaining.Cbc) : null;
        Task<UtilityResponse> Send(UtilityMessage message) => bank.SendAsync(message, dataType, encryption);
        var today = Today;

        var before = await Send(UtilityCaller.CustomerCheck());
        Assert.Equal(("36", "540000", "20231215"), (before["totalPayCount"], before["totalPayAmount"], before["lastPayDate"]));

        var owed = await Send(Request("Query", "Q1").Set("companyId", "654321").Set("billKey", "123456"));
        Assert.Equal("AAAAAAA", owed.RespCode);
        Assert.Equal("QueryRes", owed["TranCode"]);
        Assert.Equal("2", owed["billCount"]);
        Assert.Equal("30000", owed["totalAmount"]);
        Assert.Equal("B654321123456202401|202401|15000|0;B654321123456202402|202402|15000|0", owed["bills"]);
        Assert.Equal("张三", owed["customerName"]);

        var paid = await Send(Request("Pay", "P1").Set("companyId", "654321").Set("billKey", "123456").Set("amount", "30000"));
        Assert.Equal("AAAAAAA", paid.RespCode);
        Assert.Equal("PayRes", paid["TranCode"]);
        Assert.Equal("30000", paid["amount"]);
        Assert.Equal("2", paid["billCount"]);
        Assert.Equal(today, paid["payDate"]);
        Assert.Matches("^R" + today + "[0-9]{8}$", paid["receiptNo"]);

        var afterPay = await Send(UtilityCaller.CustomerCheck());
        Assert.Equal(("37", "570000", today), (afterPay["totalPayCount"], afterPay["totalPayAmount"], afterPay["lastPayDate"]));
        Assert.Equal("DEF0008", (await Send(Request("Query", "Q2").Set("companyId", "654321").Set("billKey", "123456"))).RespCode);

        var reversed = await Send(Request("PayInvalid", "R1").Set("origTranDate", today).Set("origTranSeq", "P1"));
        Assert.Equal("AAAAAAA", reversed.RespCode);
        Assert.Equal("PayInvalidRes", reversed["TranCode"]);
        Assert.Equal("30000", reversed["amount"]);
        Assert.Equal("123456", reversed["billKey"]);

        var afterReversal = await Send(UtilityCaller.CustomerCheck());
        Assert.Equal(("36", "540000", "20231215"), (afterReversal["totalPayCount"], afterReversal["totalPayAmount"], afterReversal["lastPayDate"]));
        var owedAgain = await Send(Request("Query", "Q3").Set("companyId", "654321").Set("billKey", "123456"));
        Assert.Equal(("2", "30000"), (owedAgain["billCount"], owedAgain["totalAmount"]));

        var reconciled = await Send(Request("PayCheck", "C1").Set("checkDate", today));
        Assert.Equal("AAAAAAA", reconciled.RespCode);
        Assert.Equal(("2", "0"), (reconciled["fileCount"], reconciled["fileTotal"]));
        Assert.Equal(
            $"2|0\n{today}|P1|123456|30000|bank|pay\n{today}|R1|123456|30000|bank|reversal\n",
            Encoding.UTF8.GetString(Convert.FromBase64String(reconciled["fileContent"]!)));
    }
}
