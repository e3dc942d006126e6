using System.Net;
using System.Text.Json;
using PayHub.Protocols.Utility;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Admin;

/// <summary>The admin API for family A: bearer token, problem details, institutions, companies, customers, payments.</summary>
public sealed class UtilityAdminTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic ZGVtbzpkZW1v")]
    public async Task Without_the_admin_token_every_resource_is_401_problem(string? authorization)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/institutions") { Content = JsonContent.Create(new { instId = "X1" }) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(401, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_new_institution_gets_an_API_key_once_that_works_until_it_is_rotated()
    {
        using var admin = factory.Admin();
        var created = await admin.PostAsJsonAsync("/admin/institutions", new { instId = "00077", name = "测试银行", blockKeyHex = "00112233445566778899aabbccddeeff" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var apiKey = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
        var bank = new UtilityCaller(factory.CreateClient());

        var check = UtilityCaller.CustomerCheck().Set("InstId", "00077");
        Assert.Equal("AAAAAAA", (await bank.SendAsync(check, apiKey: apiKey)).RespCode);

        var listed = await admin.GetFromJsonAsync<JsonElement>("/admin/institutions/00077");
        Assert.Equal(apiKey[..6], listed.GetProperty("apiKeyPrefix").GetString());
        Assert.True(listed.GetProperty("hasBlockKey").GetBoolean());
        Assert.False(listed.GetProperty("hasTripleDesKey").GetBoolean());
        Assert.DoesNotContain(apiKey, await admin.GetStringAsync("/admin/institutions"));

        var rotated = await admin.PostAsync("/admin/institutions/00077/api-key", null);
        var newKey = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
        Assert.Equal("EGG0001", (await bank.SendAsync(UtilityCaller.CustomerCheck().Set("InstId", "00077"), apiKey: apiKey)).RespCode);
        Assert.Equal("AAAAAAA", (await bank.SendAsync(UtilityCaller.CustomerCheck().Set("InstId", "00077"), apiKey: newKey)).RespCode);
    }

    [Fact]
    public async Task Invalid_fields_are_a_400_validation_problem_naming_each()
    {
        using var admin = factory.Admin();

        var response = await admin.PostAsJsonAsync("/admin/institutions", new { instId = "bad id!", name = "", blockKeyHex = "abc", rateLimitPerSecond = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "instId", "name", "blockKeyHex", "rateLimitPerSecond" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_a_400_problem_not_a_bare_error()
    {
        using var admin = factory.Admin();

        var response = await admin.PostAsync("/admin/institutions", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Unknown_resources_are_404_and_duplicates_409()
    {
        using var admin = factory.Admin();

        var missing = await admin.GetAsync("/admin/institutions/99999");
        var duplicate = await admin.PostAsJsonAsync("/admin/companies", new { companyId = "654321", name = "again" });

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task A_company_customer_and_payments_created_by_the_operator_show_in_CustomerCheck()
    {
        using var admin = factory.Admin();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/admin/companies", new { companyId = "700001", name = "第二水务" })).StatusCode);
        var customer = new { billKey = "8800112233", contractNo = "C-88", name = "李四", phone = "13900001111", address = "上海市浦东新区某路1号", customerStatus = 2, serviceStatus = 0, registerDate = "20220301" };
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/admin/companies/700001/customers", customer)).StatusCode);
        foreach (var (date, fen) in new[] { ("20230110", 1250L), ("20230210", 980L) })
        {
            var paid = await admin.PostAsJsonAsync("/admin/companies/700001/customers/8800112233/payments", new { payDate = date, amountFen = fen });
            Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        }

        var bank = new UtilityCaller(factory.CreateClient());
        var request = UtilityEnvelope.Request("00001", "CustomerCheck", "20240101", UtilityCaller.NewTranSeq())
            .Set("companyId", "700001").Set("queryType", "1").Set("contractNo", "C-88");
        var response = await bank.SendAsync(request);

        Assert.Equal("AAAAAAA", response.RespCode);
        Assert.Equal("8800112233", response["billKey"]);
        Assert.Equal("2", response["customerStatus"]);
        Assert.Equal("0", response["serviceStatus"]);
        Assert.Equal("2", response["totalPayCount"]);
        Assert.Equal("2230", response["totalPayAmount"]);
        Assert.Equal("20230210", response["lastPayDate"]);

        var payments = await admin.GetFromJsonAsync<JsonElement>("/admin/companies/700001/customers/8800112233/payments");
        Assert.Equal(2, payments.GetArrayLength());
    }

    [Fact]
    public async Task A_customer_never_paid_has_an_empty_lastPayDate_and_zero_totals()
    {
        using var admin = factory.Admin();
        var customer = new { billKey = "NEW001", name = "王五", phone = "13700000000", address = "广州", customerStatus = 1, serviceStatus = 1, registerDate = "20240101" };
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/admin/companies/654321/customers", customer)).StatusCode);

        var bank = new UtilityCaller(factory.CreateClient());
        var response = await bank.SendAsync(UtilityCaller.CustomerCheck().Set("billKey", "NEW001").Set("contractNo", ""));

        Assert.Equal("AAAAAAA", response.RespCode);
        Assert.Equal("", response.Message!.Fields.Single(f => f.Key == "lastPayDate").Value);
        Assert.Equal("0", response["totalPayCount"]);
        Assert.Equal("0", response["totalPayAmount"]);
    }

    [Fact]
    public async Task The_audit_trail_is_readable_through_the_admin_API()
    {
        var bank = new UtilityCaller(factory.CreateClient());
        var tranSeq = UtilityCaller.NewTranSeq();
        var served = await bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq));
        var refused = await bank.SendAsync(UtilityCaller.CustomerCheck().Set("queryType", "7"));
        using var admin = factory.Admin();

        var servedRow = await AuditRow(admin, served);
        var refusedRow = await AuditRow(admin, refused);

        Assert.Equal("CustomerCheck", servedRow.GetProperty("operation").GetString());
        Assert.Equal("00001", servedRow.GetProperty("caller").GetString());
        Assert.Equal("20240101/" + tranSeq, servedRow.GetProperty("sequenceNo").GetString());
        Assert.Equal("AAAAAAA", servedRow.GetProperty("outcome").GetString());
        // A sandbox's journal keeps a success's bodies too, masked (production keeps only refusals': JournalTests).
        Assert.Contains("\"customerName\":\"张*\"", servedRow.GetProperty("response").GetString(), StringComparison.Ordinal);
        Assert.Equal("DEF0002", refusedRow.GetProperty("outcome").GetString());
        Assert.Contains("\"queryType\":\"7\"", refusedRow.GetProperty("request").GetString());
        Assert.Contains("\"billKey\":\"****56\"", refusedRow.GetProperty("request").GetString());
        Assert.Contains("DEF0002", refusedRow.GetProperty("response").GetString());
    }

    private static async Task<JsonElement> AuditRow(HttpClient admin, UtilityResponse response)
    {
        var requestId = response.Http.Headers.GetValues("X-Request-Id").Single();
        var rows = await admin.GetFromJsonAsync<JsonElement>($"/admin/audit?family=utility&requestId={requestId}");
        return Assert.Single(rows.EnumerateArray());
    }
}
