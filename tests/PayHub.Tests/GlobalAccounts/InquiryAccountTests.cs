using System.Text.Json;

namespace PayHub.Tests.GlobalAccounts;

/// <summary>inquiryAccount as the seed shows it, signed by the test as an official client would sign it.</summary>
public sealed class InquiryAccountTests(PayHubFactory factory) : IClassFixture<PayHubFactory>, IDisposable
{
    private readonly GlobalCaller _client = new(factory.CreateClient(), factory.Clock);

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_demo_customer_has_three_active_receive_accounts_with_a_verifiable_response_signature(bool epochMillis)
    {
        var answer = await _client.PostAsync(GlobalCaller.InquiryAccount, """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001"}""", _client.Now(epochMillis));

        Assert.Equal(("SUCCESS", "S"), (answer.ResultCode, answer.ResultStatus));
        var accounts = answer.Json.GetProperty("accountInfos").EnumerateArray().ToList();
        Assert.Equal(["EUR", "JPY", "USD"], accounts.Select(a => a.GetProperty("currencyList")[0].GetString()));
        Assert.All(accounts, a => Assert.Equal(("ACTIVE", "RECEIVE_ACCOUNT"), (a.GetProperty("accountStatus").GetString(), a.GetProperty("accountType").GetString())));
        Assert.All(accounts, a => Assert.False(string.IsNullOrEmpty(a.GetProperty("accountNo").GetString())));
        var customer = answer.Json.GetProperty("customer");
        Assert.Equal("QWER Trading Co., Ltd.", customer.GetProperty("customerCompanyName").GetString());
        Assert.Equal("ENTERPRISE_REGISTRATION", customer.GetProperty("certificateList")[0].GetProperty("certificateType").GetString());
        Assert.Equal(answer["customerId"], customer.GetProperty("customerId").GetString());
        Assert.InRange(answer["responseId"]!.Length, 1, 32);
        Assert.False(answer.Json.TryGetProperty("accountInformation", out _));
    }

    [Fact]
    public async Task Each_response_has_its_own_responseId()
    {
        var body = """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001"}""";

        var first = await _client.PostAsync(GlobalCaller.InquiryAccount, body);
        var second = await _client.PostAsync(GlobalCaller.InquiryAccount, body);

        Assert.NotEqual(first["responseId"], second["responseId"]);
    }

    [Fact]
    public async Task A_shadow_wallet_is_found_by_customerId()
    {
        var receive = await _client.PostAsync(GlobalCaller.InquiryAccount, """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001"}""");

        var answer = await _client.PostAsync(GlobalCaller.InquiryAccount, $$"""{"accountType":"ALIPAY_SHADOW_WALLET","customerId":"{{receive["customerId"]}}"}""");

        Assert.Equal("SUCCESS", answer.ResultCode);
        Assert.Equal("CNY", answer.Json.GetProperty("accountInfos")[0].GetProperty("currencyList")[0].GetString());
    }

    [Fact]
    public async Task A_failure_carries_only_the_result()
    {
        var answer = await _client.PostAsync(GlobalCaller.InquiryAccount, """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"NOBODY"}""");

        Assert.Equal(("ACCOUNT_NOT_EXIST", "F"), (answer.ResultCode, answer.ResultStatus));
        Assert.Equal(["result"], answer.Json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Balances_come_in_the_currencys_minor_units()
    {
        var answer = await _client.PostAsync(GlobalCaller.InquiryBalance, """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001","currencyList":["JPY","USD"]}""");

        Assert.Equal("SUCCESS", answer.ResultCode);
        var lines = answer.Json.GetProperty("accountBalances").EnumerateArray()
            .Select(b => (b.GetProperty("currency").GetString(), b.GetProperty("availableBalance").GetProperty("value").GetString(),
                b.GetProperty("frozenBalance").GetProperty("value").GetString(), b.GetProperty("totalBalance").GetProperty("value").GetString()))
            .ToList();
        Assert.Equal([("JPY", "1500000", "0", "1500000"), ("USD", "9876543", "10000", "9886543")], lines);
        var illegal = await _client.PostAsync(GlobalCaller.InquiryBalance, """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001","currencyList":["usd"]}""");
        Assert.Equal("PARAM_ILLEGAL", illegal.ResultCode);
    }

    [Fact]
    public async Task The_server_key_the_admin_API_shows_verifies_responses()
    {
        using var admin = factory.Admin();
        var key = await admin.GetFromJsonAsync<JsonElement>("/admin/global-accounts/server-key");

        using var published = System.Security.Cryptography.RSA.Create();
        published.ImportFromPem(key.GetProperty("publicKeyPem").GetString());
        using var sandbox = GlobalCaller.Load("demo-server-public.pem");
        Assert.Equal(sandbox.ExportSubjectPublicKeyInfo(), published.ExportSubjectPublicKeyInfo());
    }
}
