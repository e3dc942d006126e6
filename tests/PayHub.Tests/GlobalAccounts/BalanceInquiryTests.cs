using System.Text.Json;

namespace PayHub.Tests.GlobalAccounts;

/// <summary>
/// inquiryBalance as WorldFirst's own: the customer named by the Connected-CustomerId or Access-Token
/// header, currencyList and balanceTypes in the body, under every prefix; and the refusals of each way of naming.
/// </summary>
public sealed class BalanceInquiryTests(PayHubFactory factory) : IClassFixture<PayHubFactory>, IDisposable
{
    private const string CustomerId = "2188120000000001";
    private readonly GlobalCaller _client = new(factory.CreateClient(), factory.Clock);

    public void Dispose() => _client.Dispose();

    private static List<(string? AccountNo, string? Currency, string? BalanceType, string? Available)> Lines(GlobalResponse answer) =>
        answer.Json.GetProperty("accountBalances").EnumerateArray()
            .Select(b => (b.GetProperty("accountNo").GetString(), b.GetProperty("currency").GetString(), b.GetProperty("balanceType").GetString(), b.GetProperty("availableBalance").GetProperty("value").GetString()))
            .ToList();

    [Theory]
    [InlineData("/amsin/api/v1/business/account/inquiryBalance")]
    [InlineData("/ams/api/v1/business/account/inquiryBalance")]
    [InlineData("/ams/sandbox/api/v1/business/account/inquiryBalance")]
    public async Task Connected_CustomerId_lists_every_account_of_the_customer_under_every_prefix(string path)
    {
        var answer = await _client.PostAsync(path, "{}", headers: ("Connected-CustomerId", CustomerId));

        Assert.Equal("SUCCESS", answer.ResultCode);
        Assert.Equal(CustomerId, answer["customerId"]);
        // The demo customer's five accounts (SPEC.md demo data), each in its one currency, in minor units.
        Assert.Equal(
            [
                ("2088000000000001", "CNY", "NORMAL_BALANCE", "888888"),
                ("7001000000000001", "EUR", "NORMAL_BALANCE", "1250050"),
                ("7001000000000002", "JPY", "NORMAL_BALANCE", "1500000"),
                ("7001000000000003", "USD", "NORMAL_BALANCE", "9876543"),
                ("8801000000000001", "USD", "NORMAL_BALANCE", "250000"),
            ],
            Lines(answer));
    }

    [Fact]
    public async Task Same_name_top_up_balances_are_none_and_a_wrong_balance_type_is_PARAM_ILLEGAL()
    {
        var topUp = await _client.PostAsync(GlobalCaller.InquiryBalance, """{"balanceTypes":["SAME_NAME_TOP_UP_BALANCE"]}""", headers: ("Connected-CustomerId", CustomerId));
        var both = await _client.PostAsync(GlobalCaller.InquiryBalance, """{"balanceTypes":["SAME_NAME_TOP_UP_BALANCE","NORMAL_BALANCE"],"currencyList":["EUR"]}""", headers: ("Connected-CustomerId", CustomerId));
        var wrong = await _client.PostAsync(GlobalCaller.InquiryBalance, """{"balanceTypes":["FROZEN"]}""", headers: ("Connected-CustomerId", CustomerId));

        Assert.Equal(("SUCCESS", 0), (topUp.ResultCode, topUp.Json.GetProperty("accountBalances").GetArrayLength()));
        Assert.Equal([("7001000000000001", "EUR", "NORMAL_BALANCE", "1250050")], Lines(both));
        Assert.Equal("PARAM_ILLEGAL", wrong.ResultCode);
    }

    [Fact]
    public async Task Access_Token_names_the_customer_it_authorises()
    {
        using var admin = factory.Admin();
        var code = (await (await admin.PostAsync($"/admin/integrators/DEMO_CLIENT_001/customers/{CustomerId}/auth-codes", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authCode").GetString();
        var token = (await _client.PostAsync(GlobalCaller.ApplyTokenAlias, $$"""{"grantType":"AUTHORIZATION_CODE","authCode":"{{code}}"}"""))["accessToken"]!;

        var answer = await _client.PostAsync(GlobalCaller.InquiryBalance, """{"currencyList":["CNY"]}""", headers: ("Access-Token", token));
        var unknown = await _client.PostAsync(GlobalCaller.InquiryBalance, "{}", headers: ("Access-Token", "wfat_never-issued"));

        Assert.Equal([("2088000000000001", "CNY", "NORMAL_BALANCE", "888888")], Lines(answer));
        Assert.Equal("AUTHORIZATION_NOT_EXIST", unknown.ResultCode);
    }

    [Theory]
    [InlineData("Connected-CustomerId", "2188129999999999", "ACCOUNT_NOT_EXIST")]
    [InlineData("Connected-CustomerId", "21881200000000012188120000000001218812000000000121881200000000012", "PARAM_ILLEGAL")]
    [InlineData("Access-Token", "", "PARAM_ILLEGAL")] // nothing names the customer: neither header, nor accountType in the body
    public async Task A_customer_that_is_not_there_or_not_named_is_refused(string header, string value, string code)
    {
        var answer = await _client.PostAsync(GlobalCaller.InquiryBalance, "{}", headers: (header, value));

        Assert.Equal(code, answer.ResultCode);
        Assert.Equal(["result"], answer.Json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Both_headers_at_once_are_PARAM_ILLEGAL() =>
        Assert.Equal("PARAM_ILLEGAL", (await _client.PostAsync(GlobalCaller.InquiryBalance, "{}", headers: [("Connected-CustomerId", CustomerId), ("Access-Token", "wfat_x")])).ResultCode);
}
