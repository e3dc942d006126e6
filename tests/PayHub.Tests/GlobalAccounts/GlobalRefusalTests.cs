using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PayHub.Tests.GlobalAccounts;

/// <summary>Every refusal in SPEC order, each with its exact result code, HTTP 200 and a signed body.</summary>
public sealed class GlobalRefusalTests(PayHubFactory factory) : IClassFixture<PayHubFactory>, IDisposable
{
    private const string Receive = """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001"}""";
    private readonly GlobalCaller _client = new(factory.CreateClient(), factory.Clock);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_tampered_body_is_INVALID_SIGNATURE()
    {
        var answer = await _client.PostAsync(GlobalCaller.InquiryAccount, Receive.Replace("REF-0001", "REF-0002", StringComparison.Ordinal), signedBody: Receive);

        Assert.Equal(("INVALID_SIGNATURE", "F"), (answer.ResultCode, answer.ResultStatus));
    }

    [Fact]
    public async Task A_body_signed_with_another_key_or_a_garbled_header_is_INVALID_SIGNATURE()
    {
        using var other = RSA.Create(2048);

        Assert.Equal("INVALID_SIGNATURE", (await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, signWith: other)).ResultCode);
        Assert.Equal("INVALID_SIGNATURE", (await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, signatureHeader: "RSA256 nonsense")).ResultCode);
        Assert.Equal("INVALID_SIGNATURE", (await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, signatureHeader: "algorithm=RSA256,keyVersion=1,signature=AAAA")).ResultCode);
    }

    [Fact]
    public async Task A_tolerantly_written_signature_header_with_lower_case_escapes_is_accepted()
    {
        var time = _client.Now();
        using var key = GlobalCaller.Load("demo-client-private.pem");
        var content = PayHub.Protocols.GlobalAccounts.Rsa256Signature.Content("POST", GlobalCaller.InquiryAccount, GlobalCaller.ClientId, time, Encoding.UTF8.GetBytes(Receive));
        var signature = PayHub.Protocols.GlobalAccounts.Rsa256Signature.Sign(key, content);
        var lowerEscapes = System.Text.RegularExpressions.Regex.Replace(signature, "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant());

        var answer = await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, time, signatureHeader: $" Signature = {lowerEscapes} , KeyVersion = 1 , ALGORITHM = RSA256 ");

        Assert.Equal("SUCCESS", answer.ResultCode);
    }

    [Fact]
    public async Task A_key_version_the_client_has_not_registered_is_KEY_NOT_FOUND()
    {
        Assert.Equal("KEY_NOT_FOUND", (await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, keyVersion: 2)).ResultCode);
    }

    [Fact]
    public async Task An_unknown_client_is_INVALID_CLIENT_even_with_a_bad_signature()
    {
        Assert.Equal("INVALID_CLIENT", (await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, clientId: "NO_SUCH_CLIENT", signatureHeader: "x")).ResultCode);
    }

    [Theory]
    [InlineData(-11)]
    [InlineData(11)]
    public async Task A_Request_Time_more_than_10_minutes_away_is_INVALID_SIGNATURE(int minutes)
    {
        var time = PayHub.Protocols.GlobalAccounts.RequestTime.Format(factory.Clock.GetUtcNow().AddMinutes(minutes));

        Assert.Equal("INVALID_SIGNATURE", (await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, time)).ResultCode);
        Assert.Equal("SUCCESS", (await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, PayHub.Protocols.GlobalAccounts.RequestTime.Format(factory.Clock.GetUtcNow().AddMinutes(minutes / 2)))).ResultCode);
    }

    [Theory]
    [InlineData("""{"accountType":"RECEIVE_ACCOUNT"}""", "referenceCustomerId is required for RECEIVE_ACCOUNT")]
    [InlineData("""{"accountType":"ALIPAY_WALLET","customerId":"2188120000000001"}""", "referenceCustomerId is required for ALIPAY_WALLET")]
    [InlineData("""{"accountType":"VIRTUAL_ACCOUNT","referenceCustomerId":"REF-0001"}""", "accessToken is required for VIRTUAL_ACCOUNT")]
    [InlineData("""{"accountType":"ALIPAY_SHADOW_WALLET","referenceCustomerId":"REF-0001"}""", "customerId is required for ALIPAY_SHADOW_WALLET")]
    [InlineData("""{"referenceCustomerId":"REF-0001"}""", "accountType is required")]
    [InlineData("""{"accountType":"SAVINGS","referenceCustomerId":"REF-0001"}""", "accountType must be one of")]
    [InlineData("""{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":12}""", "referenceCustomerId must be a non-empty string")]
    [InlineData("""{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"12345678901234567890123456789012345678901234567890123456789012345"}""", "longer than 64")]
    [InlineData("""{"accountType":"RECEIVE_ACCOUNT",""", "not JSON")]
    [InlineData("""["RECEIVE_ACCOUNT"]""", "JSON object")]
    public async Task Missing_or_malformed_fields_are_PARAM_ILLEGAL(string body, string message)
    {
        var answer = await _client.PostAsync(GlobalCaller.InquiryAccount, body);

        Assert.Equal(("PARAM_ILLEGAL", "F"), (answer.ResultCode, answer.ResultStatus));
        Assert.Contains(message, answer.Json.GetProperty("result").GetProperty("resultMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_path_method_and_media_type_get_their_codes_in_SPEC_order()
    {
        Assert.Equal("INVALID_API", (await _client.PostAsync("/amsin/api/v1/business/account/inquiryNothing", Receive)).ResultCode);
        Assert.Equal("INVALID_API", (await _client.PostAsync("/amsin/api/v1/business/account/inquiryNothing", Receive, method: "GET")).ResultCode);
        Assert.Equal("METHOD_NOT_SUPPORTED", (await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, method: "PUT", contentType: "text/plain")).ResultCode);
        Assert.Equal("METHOD_NOT_SUPPORTED", (await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, method: "GET")).ResultCode);
        Assert.Equal("MEDIA_TYPE_NOT_ACCEPTABLE", (await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, contentType: "text/plain")).ResultCode);
        Assert.Equal("MEDIA_TYPE_NOT_ACCEPTABLE", (await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, clientId: "NO_SUCH", contentType: "application/json; charset=GBK")).ResultCode);
        Assert.Equal("SUCCESS", (await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, contentType: "application/json")).ResultCode);
    }

    [Fact]
    public async Task Business_refusals_UN_SUPPORT_BUSINESS_ACCOUNT_NOT_EXIST_ACCESS_DENIED_and_PROCESS_FAIL()
    {
        using var admin = factory.Admin();
        // A second client, enabled only for RECEIVE_ACCOUNT, with the same sandbox key as keyVersion 1.
        Assert.True((await admin.PostAsJsonAsync("/admin/integrators", new { clientId = "NARROW_CLIENT", name = "只查收款账户", accountTypes = new[] { "RECEIVE_ACCOUNT" } })).IsSuccessStatusCode);
        var pem = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "worldfirst", "demo-client-public.pem"));
        Assert.True((await admin.PutAsJsonAsync("/admin/integrators/NARROW_CLIENT/keys/1", new { publicKeyPem = pem })).IsSuccessStatusCode);

        var notEnabled = await _client.PostAsync(GlobalCaller.InquiryAccount, """{"accountType":"ALIPAY_SHADOW_WALLET","customerId":"2188120000000001"}""", clientId: "NARROW_CLIENT");
        var otherClientsReference = await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, clientId: "NARROW_CLIENT");
        Assert.Equal("UN_SUPPORT_BUSINESS", notEnabled.ResultCode);
        Assert.Equal("ACCOUNT_NOT_EXIST", otherClientsReference.ResultCode);

        // Known to NARROW_CLIENT under its own reference, but not authorised: ACCESS_DENIED.
        Assert.True((await admin.PutAsJsonAsync("/admin/integrators/NARROW_CLIENT/customers/2188120000000001", new { referenceCustomerId = "N-1", authorised = false })).IsSuccessStatusCode);
        Assert.Equal("ACCESS_DENIED", (await _client.PostAsync(GlobalCaller.InquiryAccount, """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"N-1"}""", clientId: "NARROW_CLIENT")).ResultCode);
        Assert.Equal("ACCESS_DENIED", (await _client.PostAsync(GlobalCaller.InquiryBalance, "{}", clientId: "NARROW_CLIENT", headers: ("Connected-CustomerId", "2188120000000001"))).ResultCode);
        Assert.Equal("ACCOUNT_NOT_EXIST", (await _client.PostAsync(GlobalCaller.InquiryAccount, """{"accountType":"ALIPAY_SHADOW_WALLET","customerId":"999"}""")).ResultCode);

        // A frozen customer: PROCESS_FAIL.
        Assert.True((await admin.PostAsJsonAsync("/admin/global-customers", new { customerId = "2188999", companyName = "Frozen Ltd.", status = "FROZEN" })).IsSuccessStatusCode);
        Assert.True((await admin.PutAsJsonAsync("/admin/integrators/DEMO_CLIENT_001/customers/2188999", new { referenceCustomerId = "REF-FROZEN", authorised = true })).IsSuccessStatusCode);
        Assert.Equal("PROCESS_FAIL", (await _client.PostAsync(GlobalCaller.InquiryAccount, """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-FROZEN"}""")).ResultCode);
        Assert.Equal("PROCESS_FAIL", (await _client.PostAsync(GlobalCaller.InquiryBalance, "{}", headers: ("Connected-CustomerId", "2188999"))).ResultCode);
    }

    [Fact]
    public async Task A_client_registered_after_a_refused_call_is_known_at_once()
    {
        var before = await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, clientId: "LATE_CLIENT");
        using var admin = factory.Admin();
        Assert.True((await admin.PostAsJsonAsync("/admin/integrators", new { clientId = "LATE_CLIENT", name = "后来的集成商", accountTypes = new[] { "RECEIVE_ACCOUNT" } })).IsSuccessStatusCode);
        var withoutKey = await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, clientId: "LATE_CLIENT");

        Assert.Equal(("INVALID_CLIENT", "KEY_NOT_FOUND"), (before.ResultCode, withoutKey.ResultCode));
    }

    [Fact]
    public async Task A_client_over_its_rate_is_told_to_retry_with_status_U()
    {
        using var admin = factory.Admin();
        Assert.True((await admin.PostAsJsonAsync("/admin/integrators", new { clientId = "LIMITED_CLIENT", name = "限流", accountTypes = new[] { "RECEIVE_ACCOUNT" }, rateLimitPerSecond = 1 })).IsSuccessStatusCode);
        var pem = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "worldfirst", "demo-client-public.pem"));
        Assert.True((await admin.PutAsJsonAsync("/admin/integrators/LIMITED_CLIENT/keys/1", new { publicKeyPem = pem })).IsSuccessStatusCode);

        var codes = new List<(string, string)>();
        for (var i = 0; i < 4; i++)
        {
            var answer = await _client.PostAsync(GlobalCaller.InquiryAccount, Receive, clientId: "LIMITED_CLIENT");
            codes.Add((answer.ResultCode, answer.ResultStatus));
        }

        Assert.Contains(("REQUEST_TRAFFIC_EXCEED_LIMIT", "U"), codes);
    }

    [Fact]
    public async Task An_unexpected_failure_is_UNKNOWN_EXCEPTION_with_status_U_and_still_signed()
    {
        using (var connection = factory.OpenDatabase())
        {
            // A table the inquiry needs taken away: a broken database the server cannot answer from.
            Dapper.SqlMapper.Execute(connection, "ALTER TABLE ga_certificates RENAME TO ga_certificates_away");
        }

        GlobalResponse answer;
        try
        {
            answer = await _client.PostAsync(GlobalCaller.InquiryAccount, Receive);
        }
        finally
        {
            using var connection = factory.OpenDatabase();
            Dapper.SqlMapper.Execute(connection, "ALTER TABLE ga_certificates_away RENAME TO ga_certificates");
        }

        Assert.Equal(("UNKNOWN_EXCEPTION", "U"), (answer.ResultCode, answer.ResultStatus));
        Assert.DoesNotContain("Exception", answer.Json.GetProperty("result").GetProperty("resultMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains(factory.Logs.Lines, line => line.Contains("global request", StringComparison.Ordinal) && line.Contains("ga_certificates", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusal_is_audited_with_its_code_and_tokens_never_appear_in_the_audit_trail()
    {
        await _client.PostAsync(GlobalCaller.InquiryAccount, """{"accountType":"VIRTUAL_ACCOUNT","accessToken":"wfat_secret-token-value"}""");

        using var connection = factory.OpenDatabase();
        var rows = Dapper.SqlMapper.Query<(string Outcome, string Request)>(connection, "SELECT outcome, request FROM audit_trail WHERE family = 'global'").ToList();
        Assert.Contains(rows, r => r.Outcome == "AUTHORIZATION_NOT_EXIST");
        Assert.DoesNotContain(rows, r => r.Request.Contains("secret-token-value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_in_a_string_are_INVALID_SIGNATURE_unless_signed_then_PARAM_ILLEGAL()
    {
        // Well-formed JSON but for the string's bytes: C3 28 is no UTF-8 character (a JSON body must be UTF-8).
        byte[] body = [.. "{\"accountType\":\"RECEIVE_ACCOUNT\",\"referenceCustomerId\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var signed = await _client.PostAsync(GlobalCaller.InquiryAccount, "", bytes: body);
        var unsigned = await _client.PostAsync(GlobalCaller.InquiryAccount, "", bytes: body, signedBody: Receive);

        Assert.Equal(("PARAM_ILLEGAL", "F"), (signed.ResultCode, signed.ResultStatus));
        Assert.Contains("UTF-8", signed.Json.GetProperty("result").GetProperty("resultMessage").GetString());
        Assert.Equal("INVALID_SIGNATURE", unsigned.ResultCode);
    }

    [Theory]
    [InlineData("""{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"\uD800"}""")]
    [InlineData("""{"accountType":"RECEIVE_ACCOUNT","\uDC00":"x"}""")]
    [InlineData("""{"accountType":"RECEIVE_ACCOUNT","currencyList":["\ud83d"]}""")]
    [InlineData("""{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001\u0000"}""")] // no text, and PostgreSQL cannot compare it
    public async Task An_unpaired_surrogate_or_U0000_escape_is_PARAM_ILLEGAL_not_an_exception(string body)
    {
        var answer = await _client.PostAsync(GlobalCaller.InquiryBalance, body);

        Assert.Equal("PARAM_ILLEGAL", answer.ResultCode);
        Assert.DoesNotContain(factory.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("UTF-16", StringComparison.Ordinal));
    }
}
