using System.Net.Http.Json;
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
    public async Task Accounts_of_the_asked_type_come_by_number_and_every_certificate_by_type_and_number()
    {
        using var admin = factory.Admin();
        var certificates = new[]
        {
            new { certificateType = "TAX_REGISTRATION", certificateNo = "B-2" },
            new { certificateType = "ENTERPRISE_REGISTRATION", certificateNo = "Z-9" },
            new { certificateType = "TAX_REGISTRATION", certificateNo = "A-1" },
        };
        Assert.True((await admin.PostAsJsonAsync("/admin/global-customers", new { customerId = "2188777", companyName = "Order Ltd.", status = "ACTIVE", certificates })).IsSuccessStatusCode);
        foreach (var (number, type, currency) in new[] { ("8800000003", "RECEIVE_ACCOUNT", "USD"), ("8800000001", "RECEIVE_ACCOUNT", "EUR"), ("8800000002", "ALIPAY_SHADOW_WALLET", "CNY") })
        {
            Assert.True((await admin.PutAsJsonAsync($"/admin/global-customers/2188777/accounts/{number}", new { accountType = type, status = "ACTIVE", currencies = new[] { currency } })).IsSuccessStatusCode);
        }

        Assert.True((await admin.PutAsJsonAsync("/admin/integrators/DEMO_CLIENT_001/customers/2188777", new { referenceCustomerId = "REF-ORDER", authorised = true })).IsSuccessStatusCode);

        var answer = await _client.PostAsync(GlobalCaller.InquiryAccount, """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-ORDER"}""");

        Assert.Equal("SUCCESS", answer.ResultCode);
        Assert.Equal("2188777", answer["customerId"]);
        Assert.Equal([("8800000001", "EUR"), ("8800000003", "USD")], answer.Json.GetProperty("accountInfos").EnumerateArray()
            .Select(a => (a.GetProperty("accountNo").GetString(), a.GetProperty("currencyList")[0].GetString())));
        var customer = answer.Json.GetProperty("customer");
        Assert.Equal("Order Ltd.", customer.GetProperty("customerCompanyName").GetString());
        Assert.Equal([("ENTERPRISE_REGISTRATION", "Z-9"), ("TAX_REGISTRATION", "A-1"), ("TAX_REGISTRATION", "B-2")], customer.GetProperty("certificateList").EnumerateArray()
            .Select(c => (c.GetProperty("certificateType").GetString(), c.GetProperty("certificateNo").GetString())));

        // A type the customer has no account of: no accounts, the certificates all the same.
        var none = await _client.PostAsync(GlobalCaller.InquiryAccount, """{"accountType":"ALIPAY_WALLET","referenceCustomerId":"REF-ORDER"}""");
        Assert.Equal("SUCCESS", none.ResultCode);
        Assert.Equal(0, none.Json.GetProperty("accountInfos").GetArrayLength());
        Assert.Equal(3, none.Json.GetProperty("customer").GetProperty("certificateList").GetArrayLength());
    }

    [Fact]
    public async Task A_customer_with_neither_accounts_nor_certificates_is_found_and_shown_empty()
    {
        // The customer's own row says it exists: found by reference with nothing else to read, it is SUCCESS, not ACCOUNT_NOT_EXIST.
        using var admin = factory.Admin();
        Assert.True((await admin.PostAsJsonAsync("/admin/global-customers", new { customerId = "2188666", companyName = "Bare Ltd.", status = "ACTIVE" })).IsSuccessStatusCode);
        Assert.True((await admin.PutAsJsonAsync("/admin/integrators/DEMO_CLIENT_001/customers/2188666", new { referenceCustomerId = "REF-BARE", authorised = true })).IsSuccessStatusCode);

        var answer = await _client.PostAsync(GlobalCaller.InquiryAccount, """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-BARE"}""");

        Assert.Equal("SUCCESS", answer.ResultCode);
        Assert.Equal("2188666", answer["customerId"]);
        Assert.Equal(0, answer.Json.GetProperty("accountInfos").GetArrayLength());
        var customer = answer.Json.GetProperty("customer");
        Assert.Equal("Bare Ltd.", customer.GetProperty("customerCompanyName").GetString());
        Assert.Equal(0, customer.GetProperty("certificateList").GetArrayLength());
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
