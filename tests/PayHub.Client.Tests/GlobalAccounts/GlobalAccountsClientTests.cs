using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PayHub.Client.GlobalAccounts;
using PayHub.Protocols.GlobalAccounts;
using PayHub.Tests;

namespace PayHub.Client.Tests.GlobalAccounts;

[Collection(DemoServerCollection.Name)]
public sealed class GlobalAccountsClientTests(DemoServer server)
{
    [Fact]
    public async Task The_seed_inquiry_answers_the_demo_customer_s_three_accounts_verified()
    {
        var answer = await server.Global().InquiryAccountAsync(new InquiryAccountRequest { AccountType = "RECEIVE_ACCOUNT", ReferenceCustomerId = "REF-0001" });

        Assert.True(answer.IsSuccess, answer.Result.ResultMessage);
        Assert.Equal(["EUR", "JPY", "USD"], answer.AccountInfos.SelectMany(a => a.CurrencyList).Order());
        Assert.All(answer.AccountInfos, a => Assert.Equal(("ACTIVE", "RECEIVE_ACCOUNT"), (a.AccountStatus, a.AccountType)));
        Assert.Equal("QWER Trading Co., Ltd.", answer.Customer?.CustomerCompanyName);
        Assert.Equal("ENTERPRISE_REGISTRATION", Assert.Single(answer.Customer!.CertificateList).CertificateType);
        Assert.Equal("2188120000000001", answer.CustomerId);
        Assert.False(string.IsNullOrEmpty(answer.ResponseId));
    }

    [Fact]
    public async Task A_refusal_is_a_signed_typed_answer()
    {
        var unknown = await server.Global().InquiryAccountAsync(new InquiryAccountRequest { AccountType = "RECEIVE_ACCOUNT", ReferenceCustomerId = "REF-NOBODY" });
        var missing = await server.Global().InquiryAccountAsync(new InquiryAccountRequest { AccountType = "VIRTUAL_ACCOUNT" });

        Assert.Equal(("ACCOUNT_NOT_EXIST", "F"), (unknown.Result.ResultCode, unknown.Result.ResultStatus));
        Assert.Equal(ResultCode.ParamIllegal.ResultCode, missing.Result.ResultCode);
        Assert.Empty(missing.AccountInfos);
    }

    [Fact]
    public async Task Tokens_from_an_authorisation_code_name_the_customer_of_a_virtual_account_and_a_balance()
    {
        using var admin = server.Admin();
        var issued = await admin.PostAsync("/admin/integrators/DEMO_CLIENT_001/customers/2188120000000001/auth-codes", null);
        issued.EnsureSuccessStatusCode();
        var authCode = (await issued.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("authCode").GetString();
        var client = server.Global();

        var tokens = await client.ApplyTokenAsync(new ApplyTokenRequest { GrantType = "AUTHORIZATION_CODE", AuthCode = authCode });
        var reused = await client.ApplyTokenAsync(new ApplyTokenRequest { GrantType = "AUTHORIZATION_CODE", AuthCode = authCode });
        var virtualAccount = await client.InquiryAccountAsync(new InquiryAccountRequest { AccountType = "VIRTUAL_ACCOUNT", AccessToken = tokens.AccessToken });
        var balances = await client.InquiryBalanceAsync(new InquiryBalanceRequest { AccessToken = tokens.AccessToken, CurrencyList = ["USD"] });
        var refreshed = await client.ApplyTokenAsync(new ApplyTokenRequest { GrantType = "REFRESH_TOKEN", RefreshToken = tokens.RefreshToken });

        Assert.True(tokens.IsSuccess, tokens.Result.ResultMessage);
        Assert.EndsWith("+08:00", tokens.AccessTokenExpiryTime, StringComparison.Ordinal);
        Assert.Equal(ResultCode.OauthFail.ResultCode, reused.Result.ResultCode);
        Assert.Equal("8801000000000001", Assert.Single(virtualAccount.AccountInfos).AccountNo);
        Assert.NotEmpty(balances.AccountBalances);
        Assert.All(balances.AccountBalances, b =>
        {
            Assert.Equal("USD", b.Currency);
            Assert.Equal(long.Parse(b.AvailableBalance.Value, System.Globalization.CultureInfo.InvariantCulture) + long.Parse(b.FrozenBalance.Value, System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(b.TotalBalance.Value, System.Globalization.CultureInfo.InvariantCulture));
        });
        Assert.True(refreshed.IsSuccess);
        Assert.NotEqual(tokens.AccessToken, refreshed.AccessToken);
    }

    [Fact]
    public async Task An_answer_verified_with_another_key_than_the_server_s_is_refused()
    {
        var client = server.Global(serverKey: "demo-client-public.pem");

        var failure = await Assert.ThrowsAsync<AnswerSignatureException>(() =>
            client.InquiryAccountAsync(new InquiryAccountRequest { AccountType = "RECEIVE_ACCOUNT", ReferenceCustomerId = "REF-0001" }));

        Assert.Contains("does not verify", failure.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Tampering() => new()
    {
        { "body", "does not verify" },
        { "unsigned", "no signature header" },
        { "other-client", "not for DEMO_CLIENT_001" },
        { "garbled-header", "unreadable" },
        { "response-time", "does not verify" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task A_tampered_answer_is_refused(string tampering, string reason)
    {
        await using var relay = await TamperingRelay(server.Address, tampering);
        var client = server.Global(new Uri(relay.Urls.First()));

        var failure = await Assert.ThrowsAsync<AnswerSignatureException>(() =>
            client.InquiryAccountAsync(new InquiryAccountRequest { AccountType = "RECEIVE_ACCOUNT", ReferenceCustomerId = "REF-0001" }));

        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_relay_untouched_passes_the_answer_through_verified()
    {
        await using var relay = await TamperingRelay(server.Address, "none");

        var answer = await server.Global(new Uri(relay.Urls.First()))
            .InquiryAccountAsync(new InquiryAccountRequest { AccountType = "RECEIVE_ACCOUNT", ReferenceCustomerId = "REF-0001" });

        Assert.True(answer.IsSuccess);
    }

    /// <summary>A man in the middle on loopback: forwards each request to PayHub and changes its answer as told.</summary>
    private static Task<WebApplication> TamperingRelay(Uri payhub, string tampering) =>
        LoopbackEndpoint.StartAsync("/amsin/api/v1/{**operation}", async http =>
        {
            using var upstream = new HttpClient { BaseAddress = payhub };
            using var forwarded = new HttpRequestMessage(HttpMethod.Post, http.Request.Path.Value);
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            forwarded.Content = new ByteArrayContent(body.ToArray());
            forwarded.Content.Headers.TryAddWithoutValidation("Content-Type", http.Request.ContentType);
            foreach (var name in new[] { "Client-Id", "Request-Time", "Signature" })
            {
                forwarded.Headers.TryAddWithoutValidation(name, http.Request.Headers[name].ToString());
            }

            using var answer = await upstream.SendAsync(forwarded);
            var bytes = await answer.Content.ReadAsByteArrayAsync();
            foreach (var (name, values) in answer.Headers)
            {
                if (name is "client-id" or "response-time" or "signature")
                {
                    http.Response.Headers[name] = values.First();
                }
            }

            switch (tampering)
            {
                case "body":
                    bytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("\"EUR\"", "\"EUX\"", StringComparison.Ordinal));
                    break;
                case "unsigned":
                    http.Response.Headers.Remove("signature");
                    break;
                case "other-client":
                    http.Response.Headers["client-id"] = "SOMEONE_ELSE";
                    break;
                case "garbled-header":
                    http.Response.Headers["signature"] = "algorithm=RSA256,keyVersion=x";
                    break;
                case "response-time":
                    http.Response.Headers["response-time"] = "2020-01-01T00:00:00+08:00";
                    break;
            }

            http.Response.ContentType = "application/json; charset=UTF-8";
            await http.Response.Body.WriteAsync(bytes);
        });
}
