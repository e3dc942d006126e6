using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PayHub.Protocols.Agreements;
using PayHub.Protocols.RiskCases;
using PayHub.Protocols.Utility;
using PayHub.Tests.Agreements;
using PayHub.Tests.GlobalAccounts;
using PayHub.Tests.RiskCases;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Audit;

/// <summary>
/// After a mixed run of successes and refusals on every family, no journal or audit record holds a credential value
/// of SPEC.md "Common" (keys, secrets, signatures, signs, SMS codes, OAuth codes and tokens — the bytes as received
/// included) nor, outside those bytes, unmasked personal data; and in production no record holds the bytes as
/// received, a digest, or a success's bodies.
/// </summary>
public sealed class JournalPrivacyTests
{
    /// <summary>Personal data of the demo that requests and answers carry: never unmasked in a decoded record.</summary>
    private static readonly string[] PersonalData = ["15158040490", "13812345678", "6217661145901883428", "张三", "姬俞", "名侦探悟空", "北京市朝阳区xxx街道xxx号", "8801000000000001"];

    [Fact]
    public async Task A_sandbox_journal_holds_no_credential_anywhere_and_no_personal_data_outside_the_bytes_as_received()
    {
        using var factory = new PayHubFactory();
        using var admin = factory.Admin();
        var credentials = await MixedRunAsync(factory, admin, null);
        var records = await RecordsAsync(admin);

        Assert.True(records.Count > 20, $"only {records.Count} records");
        Assert.Contains(records, r => r.GetProperty("rawRequest").GetString()!.Length > 0);
        Assert.Contains(records, r => r.GetProperty("rawResponse").GetString()!.Length > 0);
        AssertClean(records, credentials);
    }

    [Fact]
    public async Task A_production_journal_keeps_no_bytes_no_digest_and_no_successs_bodies()
    {
        using var production = new ProductionWithDemoData();
        using var admin = production.Admin();
        var serverKey = (await admin.GetFromJsonAsync<JsonElement>("/admin/global-accounts/server-key")).GetProperty("publicKeyPem").GetString();
        var credentials = await MixedRunAsync(production.Factory, admin, serverKey);
        var records = await RecordsAsync(admin);

        AssertClean(records, credentials);
        var exchanges = records.Where(r => r.TryGetProperty("refusedBy", out _) && r.GetProperty("family").GetString() is "utility" or "dsp" or "global" or "risk").ToList();
        Assert.All(exchanges, r => Assert.Equal(("", ""), (r.GetProperty("rawRequest").GetString(), r.GetProperty("rawResponse").GetString())));
        Assert.All(exchanges, r => Assert.DoesNotContain("On this sandbox", r.GetProperty("diagnosis").GetString()!, StringComparison.Ordinal));
        var successes = exchanges.Where(r => r.GetProperty("refusedBy").GetString() == "").ToList();
        var refusals = exchanges.Where(r => r.GetProperty("refusedBy").GetString() != "").ToList();
        Assert.True(successes.Count >= 8 && refusals.Count >= 4, $"{successes.Count} successes, {refusals.Count} refusals");
        Assert.All(successes, r => Assert.Equal(("", "", ""), (r.GetProperty("request").GetString(), r.GetProperty("response").GetString(), r.GetProperty("headers").GetString())));
        Assert.All(refusals, r => Assert.NotEqual("", r.GetProperty("response").GetString()));
    }

    private static void AssertClean(List<JsonElement> records, List<string> credentials)
    {
        foreach (var record in records)
        {
            var raw = string.Join("\n", new[] { "rawRequest", "rawResponse" }.Select(field =>
                record.TryGetProperty(field, out var bytes) && bytes.GetString() is { Length: > 0 } base64 ? Encoding.UTF8.GetString(Convert.FromBase64String(base64)) : ""));
            var decoded = record.GetRawText();
            var unescaped = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(decoded)!.Values
                .Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText());
            var text = string.Join("\n", unescaped);
            foreach (var credential in credentials)
            {
                Assert.False(text.Contains(credential, StringComparison.Ordinal) || raw.Contains(credential, StringComparison.Ordinal),
                    $"credential {credential} in {decoded}");
            }

            foreach (var personal in PersonalData)
            {
                Assert.False(text.Contains(personal, StringComparison.Ordinal), $"{personal} unmasked in {decoded}");
            }
        }
    }

    /// <summary>Every journal entry and every audit row the admin API gives.</summary>
    private static async Task<List<JsonElement>> RecordsAsync(HttpClient admin)
    {
        var records = new List<JsonElement>();
        long? before = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>("/admin/journal?limit=500" + (before is null ? "" : "&before=" + before));
            records.AddRange(page.GetProperty("entries").EnumerateArray());
            before = page.GetProperty("next").ValueKind == JsonValueKind.Number ? page.GetProperty("next").GetInt64() : null;
        }
        while (before is not null);

        records.AddRange((await admin.GetFromJsonAsync<List<JsonElement>>("/admin/audit?limit=1000"))!);
        return records;
    }

    /// <summary>Successes and refusals of every family; the credential values they carried.</summary>
    private static async Task<List<string>> MixedRunAsync(PayHubFactory factory, HttpClient admin, string? serverKey)
    {
        var credentials = new List<string> { UtilityCaller.ApiKey, "wrong-utility-key-1", DspCaller.Secret, RiskCaller.Secret, RiskCaller.SecondSecret };

        var bank = new UtilityCaller(factory.CreateClient());
        Assert.True(UtilityEncryption.TryParse("SM4", "CBC", out var sm4));
        Assert.Equal(UtilityRespCode.Success, (await bank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
        Assert.Equal(UtilityRespCode.Success, (await bank.SendAsync(UtilityCaller.CustomerCheck(), UtilityDataType.Xml, sm4)).RespCode);
        Assert.Equal(UtilityRespCode.Success, (await bank.SendAsync(UtilityCaller.CustomerCheck(), UtilityDataType.Json)).RespCode);
        Assert.Equal(UtilityRespCode.Unauthorized, (await bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: "wrong-utility-key-1")).RespCode);
        Assert.Equal(UtilityRespCode.BadField, (await bank.SendAsync(UtilityCaller.CustomerCheck().Set("queryType", "7"))).RespCode);

        var gateway = new DspCaller(factory.CreateClient());
        var payAct = DspCaller.NewPayAct();
        foreach (var (step, code) in new[] { ("01", (string?)null), ("02", DspCaller.FixedCode) })
        {
            var body = AtsyhCodec.WriteRequest(DspCaller.Step("Contract", step, payAct, smsCode: code, recAct: "6217661145901883428"));
            var signature = DspSignature.Compute(DspCaller.Secret, body);
            credentials.Add(signature);
            Assert.Contains((await gateway.PostAsync(body, signature)).UnifiedCode, new[] { UnifiedCode.CodeSent, UnifiedCode.Success });
        }

        var refusedBody = AtsyhCodec.WriteRequest(DspCaller.Step("Contract", "01", DspCaller.NewPayAct()));
        Assert.Equal(UnifiedCode.NotAuthenticated, (await gateway.PostAsync(refusedBody, DspSignature.Compute("another-secret", refusedBody))).UnifiedCode);
        credentials.Add(DspSignature.Compute("another-secret", refusedBody));
        Assert.Equal(UnifiedCode.Success, (await gateway.SendAsync(DspCaller.Query("ALIPAY01", authCode: "30101194506012712"))).UnifiedCode);

        using var integrator = new GlobalCaller(factory.CreateClient(), factory.Clock, serverKey);
        var issued = await admin.PostAsync("/admin/integrators/DEMO_CLIENT_001/customers/2188120000000001/auth-codes", null);
        var authCode = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authCode").GetString()!;
        var grant = await integrator.PostAsync(GlobalCaller.ApplyToken, $$"""{"grantType":"AUTHORIZATION_CODE","authCode":"{{authCode}}"}""");
        Assert.Equal("SUCCESS", grant.ResultCode);
        credentials.AddRange([authCode, grant["accessToken"]!, grant["refreshToken"]!]);
        Assert.Equal("SUCCESS", (await integrator.PostAsync(GlobalCaller.InquiryAccount, $$"""{"accountType":"VIRTUAL_ACCOUNT","accessToken":"{{grant["accessToken"]}}"}""")).ResultCode);
        Assert.Equal("SUCCESS", (await integrator.PostAsync(GlobalCaller.InquiryBalance, "{}", headers: ("Access-Token", grant["accessToken"]!))).ResultCode);
        Assert.Equal("SUCCESS", (await integrator.PostAsync(GlobalCaller.InquiryAccount, """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001"}""")).ResultCode);
        Assert.Equal("OAUTH_FAIL", (await integrator.PostAsync(GlobalCaller.ApplyToken, $$"""{"grantType":"AUTHORIZATION_CODE","authCode":"{{authCode}}"}""")).ResultCode);
        Assert.Equal("INVALID_SIGNATURE", (await integrator.PostAsync(GlobalCaller.InquiryAccount, """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001"}""", signedBody: "{}")).ResultCode);

        var agent = new RiskCaller(factory.CreateClient());
        foreach (var parameters in new[]
        {
            new JsonObject { ["page"] = 1, ["rows"] = 10, ["accessid"] = RiskCaller.AccessId },
            new JsonObject { ["caseNo"] = RiskCaller.SeedCaseNo, ["surveyRemark"] = "已核实", ["accessid"] = RiskCaller.AccessId },
        })
        {
            var sign = RiskSign.Sign(JsonSerializer.SerializeToElement(parameters), RiskCaller.Secret);
            credentials.Add(sign);
            await agent.PostAsync(parameters.ContainsKey("page") ? "/risk/case/query" : "/risk/case/reply", parameters, sign);
        }

        // A message no request sent signed: on a sandbox, the diagnosis shows the sign PayHub computed for it (by design).
        Assert.Equal(RiskReturnCode.BadSign, (await agent.PostAsync("/risk/case/query", new JsonObject { ["page"] = 1, ["rows"] = 7 }, "ABCDEF0123456789ABCDEF0123456789")).ReturnCode);
        credentials.Add("ABCDEF0123456789ABCDEF0123456789");
        return credentials;
    }
}
