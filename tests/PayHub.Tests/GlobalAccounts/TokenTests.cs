using System.Text.Json;

namespace PayHub.Tests.GlobalAccounts;

/// <summary>The OAuth token life: an authorisation code from the admin API, applyToken, use, refresh, revocation and expiry (the clock is moved, not slept).</summary>
public sealed class TokenTests(PayHubFactory factory) : IClassFixture<PayHubFactory>, IDisposable
{
    private const string CustomerId = "2188120000000001";
    private readonly GlobalCaller _client = new(factory.CreateClient(), factory.Clock);

    public void Dispose() => _client.Dispose();

    private async Task<string> AuthCodeAsync()
    {
        using var admin = factory.Admin();
        var issued = await admin.PostAsync($"/admin/integrators/DEMO_CLIENT_001/customers/{CustomerId}/auth-codes", null);
        Assert.True(issued.IsSuccessStatusCode);
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authCode").GetString()!;
    }

    private Task<GlobalResponse> VirtualAccountAsync(string accessToken) =>
        _client.PostAsync(GlobalCaller.InquiryAccount, $$"""{"accountType":"VIRTUAL_ACCOUNT","accessToken":"{{accessToken}}"}""");

    private Task<GlobalResponse> ApplyAsync(string grantType, string field, string value) =>
        _client.PostAsync(GlobalCaller.ApplyToken, $$"""{"grantType":"{{grantType}}","{{field}}":"{{value}}"}""");

    [Fact]
    public async Task Apply_use_refresh_and_the_old_token_is_refused()
    {
        var code = await AuthCodeAsync();

        var applied = await ApplyAsync("AUTHORIZATION_CODE", "authCode", code);
        Assert.Equal("SUCCESS", applied.ResultCode);
        Assert.Equal(CustomerId, applied["customerId"]);
        Assert.EndsWith("+08:00", applied["accessTokenExpiryTime"], StringComparison.Ordinal);
        Assert.EndsWith("+08:00", applied["refreshTokenExpiryTime"], StringComparison.Ordinal);
        var expires = DateTimeOffset.Parse(applied["accessTokenExpiryTime"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - factory.Clock.GetUtcNow(), TimeSpan.FromDays(29.9), TimeSpan.FromDays(30.1));

        var used = await VirtualAccountAsync(applied["accessToken"]!);
        Assert.Equal("SUCCESS", used.ResultCode);
        Assert.Equal("8801000000000001", used.Json.GetProperty("accountInfos")[0].GetProperty("accountNo").GetString());

        Assert.Equal("OAUTH_FAIL", (await ApplyAsync("AUTHORIZATION_CODE", "authCode", code)).ResultCode);

        var refreshed = await ApplyAsync("REFRESH_TOKEN", "refreshToken", applied["refreshToken"]!);
        Assert.Equal("SUCCESS", refreshed.ResultCode);
        Assert.NotEqual(applied["accessToken"], refreshed["accessToken"]);
        Assert.Equal("AUTHORIZATION_NOT_EXIST", (await VirtualAccountAsync(applied["accessToken"]!)).ResultCode);
        Assert.Equal("SUCCESS", (await VirtualAccountAsync(refreshed["accessToken"]!)).ResultCode);
        Assert.Equal("OAUTH_FAIL", (await ApplyAsync("REFRESH_TOKEN", "refreshToken", applied["refreshToken"]!)).ResultCode);
    }

    [Fact]
    public async Task An_access_token_expires_after_30_days_and_an_auth_code_after_10_minutes()
    {
        var applied = await ApplyAsync("AUTHORIZATION_CODE", "authCode", await AuthCodeAsync());
        var lateCode = await AuthCodeAsync();

        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal("OAUTH_FAIL", (await ApplyAsync("AUTHORIZATION_CODE", "authCode", lateCode)).ResultCode);
        Assert.Equal("SUCCESS", (await VirtualAccountAsync(applied["accessToken"]!)).ResultCode);

        factory.Clock.Advance(TimeSpan.FromDays(30));
        var expired = await VirtualAccountAsync(applied["accessToken"]!);
        Assert.Equal(("ACCESS_TOKEN_EXPIRED", "F"), (expired.ResultCode, expired.ResultStatus));
        Assert.Equal("SUCCESS", (await ApplyAsync("REFRESH_TOKEN", "refreshToken", applied["refreshToken"]!)).ResultCode);
    }

    [Fact]
    public async Task Revoked_and_unknown_tokens_are_AUTHORIZATION_NOT_EXIST_and_withdrawn_consent_revokes_all()
    {
        var applied = await ApplyAsync("AUTHORIZATION_CODE", "authCode", await AuthCodeAsync());
        var second = await ApplyAsync("AUTHORIZATION_CODE", "authCode", await AuthCodeAsync());
        using var admin = factory.Admin();

        var revoked = await admin.PostAsJsonAsync("/admin/integrators/DEMO_CLIENT_001/tokens/revoke", new { token = applied["accessToken"] });
        Assert.Equal(System.Net.HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal("AUTHORIZATION_NOT_EXIST", (await VirtualAccountAsync(applied["accessToken"]!)).ResultCode);
        Assert.Equal("AUTHORIZATION_NOT_EXIST", (await VirtualAccountAsync("wfat_never-issued")).ResultCode);
        Assert.Equal("SUCCESS", (await VirtualAccountAsync(second["accessToken"]!)).ResultCode);

        var withdrawn = await admin.PutAsJsonAsync($"/admin/integrators/DEMO_CLIENT_001/customers/{CustomerId}", new { referenceCustomerId = "REF-0001", authorised = false });
        Assert.True(withdrawn.IsSuccessStatusCode);
        Assert.Equal("AUTHORIZATION_NOT_EXIST", (await VirtualAccountAsync(second["accessToken"]!)).ResultCode);
        Assert.Equal("OAUTH_FAIL", (await ApplyAsync("REFRESH_TOKEN", "refreshToken", second["refreshToken"]!)).ResultCode);
        Assert.Equal("ACCESS_DENIED", (await _client.PostAsync(GlobalCaller.InquiryAccount, """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001"}""")).ResultCode);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await admin.PostAsync($"/admin/integrators/DEMO_CLIENT_001/customers/{CustomerId}/auth-codes", null)).StatusCode);

        // Consent given again: a new code works, the revoked tokens stay revoked.
        Assert.True((await admin.PutAsJsonAsync($"/admin/integrators/DEMO_CLIENT_001/customers/{CustomerId}", new { referenceCustomerId = "REF-0001", authorised = true })).IsSuccessStatusCode);
        Assert.Equal("AUTHORIZATION_NOT_EXIST", (await VirtualAccountAsync(second["accessToken"]!)).ResultCode);
        Assert.Equal("SUCCESS", (await ApplyAsync("AUTHORIZATION_CODE", "authCode", await AuthCodeAsync())).ResultCode);
    }

    [Theory]
    [InlineData("""{"grantType":"PASSWORD","authCode":"x"}""")]
    [InlineData("""{"grantType":"AUTHORIZATION_CODE"}""")]
    [InlineData("""{"grantType":"REFRESH_TOKEN","authCode":"x"}""")]
    public async Task A_malformed_token_request_is_PARAM_ILLEGAL(string body) =>
        Assert.Equal("PARAM_ILLEGAL", (await _client.PostAsync(GlobalCaller.ApplyToken, body)).ResultCode);

    [Fact]
    public async Task An_unknown_code_is_OAUTH_FAIL() =>
        Assert.Equal("OAUTH_FAIL", (await ApplyAsync("AUTHORIZATION_CODE", "authCode", "wfac_made-up")).ResultCode);
}
