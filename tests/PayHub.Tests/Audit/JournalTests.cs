using System.Net;
using System.Security.Cryptography;
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
/// The request journal through the admin API: every refusal kind of every family says which check refused it and
/// why, in words (and strings) a client developer can check independently; what a sandbox keeps (bodies, the bytes
/// as received with credentials masked, digests); filters, paging, one exchange by request id; the admin API's own
/// changes. (The live stream, on real sockets and across nodes: JournalAcrossNodesTests.)
/// </summary>
public sealed class JournalTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    /// <summary>The newest entry of a family with this code.</summary>
    public static async Task<JsonElement> NewestAsync(HttpClient admin, string family, string code)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>($"/admin/journal?family={family}&code={Uri.EscapeDataString(code)}&limit=1");
        return Assert.Single(page.GetProperty("entries").EnumerateArray());
    }

    private static string Text(JsonElement entry, string name) => entry.GetProperty(name).GetString()!;

    [Fact]
    public async Task A_sandbox_keeps_each_answer_as_sent_the_bytes_the_client_received_with_credentials_masked()
    {
        using var admin = factory.Admin();
        var bank = new UtilityCaller(factory.CreateClient());
        var encryption = new UtilityEncryption(PayHub.Protocols.Crypto.BlockCipherKind.Sm4, PayHub.Protocols.Crypto.BlockChaining.Cbc);
        var answered = await bank.SendAsync(UtilityCaller.CustomerCheck(), encryption: encryption);
        Assert.Equal("AAAAAAA", answered.RespCode);
        var requestId = answered.Http.Headers.GetValues("X-Request-Id").Single();
        var entry = await PollAsync(admin, requestId, "utility");
        Assert.Equal(answered.Body, Convert.FromBase64String(Text(entry, "rawResponse"))); // the ciphertext, byte for byte

        using var integrator = new GlobalCaller(factory.CreateClient(), factory.Clock);
        var issued = await admin.PostAsync("/admin/integrators/DEMO_CLIENT_001/customers/2188120000000001/auth-codes", null);
        var authCode = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authCode").GetString()!;
        var grant = await integrator.PostAsync(GlobalCaller.ApplyToken, $$"""{"grantType":"AUTHORIZATION_CODE","authCode":"{{authCode}}"}""");
        Assert.Equal("SUCCESS", grant.ResultCode);
        var tokenEntry = await PollAsync(admin, null, "global", "applyToken");
        var sent = Encoding.UTF8.GetString(Convert.FromBase64String(Text(tokenEntry, "rawResponse")));
        Assert.Contains("\"accessToken\":\"***\"", sent, StringComparison.Ordinal);
        Assert.DoesNotContain(grant["accessToken"]!, sent, StringComparison.Ordinal);
        Assert.DoesNotContain(grant["refreshToken"]!, sent, StringComparison.Ordinal);
    }

    /// <summary>The newest entry of a request (or of a family's operation) once its answer's bytes are kept (written just after the answer).</summary>
    private static async Task<JsonElement> PollAsync(HttpClient admin, string? requestId, string family, string? operation = null)
    {
        var query = requestId is not null ? $"requestId={requestId}&family={family}" : $"family={family}&operation={operation}";
        for (var i = 0; i < 100; i++)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/admin/journal?{query}&limit=1");
            if (page.GetProperty("entries").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } entry && Text(entry, "rawResponse").Length > 0)
            {
                return entry;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("no answer bytes kept for " + query);
    }

    [Fact]
    public async Task Utility_refusals_name_their_check_and_why()
    {
        using var admin = factory.Admin();
        var bank = new UtilityCaller(factory.CreateClient());

        var wrongKey = await bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: "not-a-key");
        var key = await EntryOfAsync(admin, wrongKey.Http);
        Assert.Equal(("api-key", 403L), (Text(key, "refusedBy"), key.GetProperty("status").GetInt64()));
        Assert.Contains("no enabled institution holds this X-API-Key", Text(key, "diagnosis"), StringComparison.Ordinal);
        Assert.Contains("\"X-API-Key\":\"***\"", Text(key, "headers"), StringComparison.Ordinal);

        var sm4 = new Dictionary<string, string> { ["EncryptType"] = "SM4", ["EncryptMode"] = "ECB", ["DataType"] = "XML" };
        var notBase64 = await bank.PostAsync("/utility/CustomerCheck", "%%%"u8.ToArray(), "text/plain", headers: sm4);
        var notBlocks = await bank.PostAsync("/utility/CustomerCheck", Encoding.ASCII.GetBytes(Convert.ToBase64String(new byte[20])), "text/plain", headers: sm4);
        var wrongPadding = await bank.PostAsync("/utility/CustomerCheck", Encoding.ASCII.GetBytes(Convert.ToBase64String(new byte[32])), "text/plain", headers: sm4);
        Assert.Contains("is not base64", Text(await EntryOfAsync(admin, notBase64.Http), "diagnosis"), StringComparison.Ordinal);
        Assert.Contains("the ciphertext is 20 bytes, not a whole number of 16-byte cipher blocks", Text(await EntryOfAsync(admin, notBlocks.Http), "diagnosis"), StringComparison.Ordinal);
        var cbc = new Dictionary<string, string>(sm4) { ["EncryptMode"] = "CBC" };
        var ivOnly = await bank.PostAsync("/utility/CustomerCheck", Encoding.ASCII.GetBytes(Convert.ToBase64String(new byte[16])), "text/plain", headers: cbc);
        Assert.Contains("CBC needs the 16-byte IV and at least one block after it", Text(await EntryOfAsync(admin, ivOnly.Http), "diagnosis"), StringComparison.Ordinal);
        var padding = await EntryOfAsync(admin, wrongPadding.Http);
        Assert.Equal("decryption", Text(padding, "refusedBy"));
        Assert.StartsWith("SM4/ECB with key 00001/SM4", Text(padding, "diagnosis"), StringComparison.Ordinal);
        Assert.Contains("padding", Text(padding, "diagnosis"), StringComparison.Ordinal);

        var broken = await bank.PostAsync("/utility/CustomerCheck", "<?xml version=\"1.0\"?>\n<in>\n<TranSeq>1</in>"u8.ToArray());
        var parsing = await EntryOfAsync(admin, broken.Http);
        Assert.Equal("parsing", Text(parsing, "refusedBy"));
        Assert.Contains("Line 3", Text(parsing, "diagnosis"), StringComparison.Ordinal);

        var tranSeq = UtilityCaller.NewTranSeq();
        var first = await bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq));
        var reused = await bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq).Set("contractNo", ""));
        Assert.Equal(UtilityRespCode.TranSeqReused, reused.RespCode);
        var duplicate = await EntryOfAsync(admin, reused.Http);
        Assert.Equal("transeq", Text(duplicate, "refusedBy"));
        Assert.Contains("first used by request " + first.Http.Headers.GetValues("X-Request-Id").Single(), Text(duplicate, "diagnosis"), StringComparison.Ordinal);

        var fields = await EntryOfAsync(admin, (await bank.SendAsync(UtilityCaller.CustomerCheck().Set("queryType", "7"))).Http);
        Assert.Equal(("fields", 400L), (Text(fields, "refusedBy"), fields.GetProperty("status").GetInt64()));
        Assert.Contains("queryType", Text(fields, "diagnosis"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dsp_signature_refusal_shows_what_was_signed_and_on_a_sandbox_the_hmac_PayHub_computed()
    {
        using var admin = factory.Admin();
        var gateway = new DspCaller(factory.CreateClient());
        var request = DspCaller.Step("Contract", "01", DspCaller.NewPayAct());
        var body = AtsyhCodec.WriteRequest(request);
        Assert.Equal(UnifiedCode.NotAuthenticated, (await gateway.PostAsync(body, signature: new string('0', 64))).UnifiedCode);

        var entry = await NewestAsync(admin, "dsp", UnifiedCode.NotAuthenticated);
        var diagnosis = Text(entry, "diagnosis");
        Assert.Equal("signature", Text(entry, "refusedBy"));
        Assert.Contains($"the {body.Length} body bytes", diagnosis, StringComparison.Ordinal);
        Assert.Contains(DspSignature.Compute(DspCaller.Secret, body), diagnosis, StringComparison.Ordinal); // the sandbox shows the digest
        Assert.DoesNotContain(DspCaller.Secret, diagnosis, StringComparison.Ordinal);
        Assert.Equal(body, Convert.FromBase64String(Text(entry, "rawRequest")));

        await gateway.PostAsync(body, client: "nobody");
        Assert.Contains("'nobody' is not a registered front-end", Text(await NewestAsync(admin, "dsp", UnifiedCode.NotAuthenticated), "diagnosis"), StringComparison.Ordinal);

        var reqSeqId = DspCaller.NewReqSeqId();
        await gateway.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct(), reqSeqId: reqSeqId));
        Assert.Equal(UnifiedCode.ReqSeqIdReused, (await gateway.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct(), reqSeqId: reqSeqId))).UnifiedCode);
        var reused = await NewestAsync(admin, "dsp", UnifiedCode.ReqSeqIdReused);
        var firstId = (await admin.GetFromJsonAsync<JsonElement>($"/admin/journal?family=dsp&text={reqSeqId}&code=EC100")).GetProperty("entries")[0].GetProperty("requestId").GetString();
        Assert.Contains("first used by request " + firstId, Text(reused, "diagnosis"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dsp_step_02_keeps_no_sms_code_in_the_bytes_as_received()
    {
        using var admin = factory.Admin();
        var gateway = new DspCaller(factory.CreateClient());
        var payAct = DspCaller.NewPayAct();
        await gateway.SignAsync(payAct);
        var confirmed = await NewestAsync(admin, "dsp", UnifiedCode.Success);
        var raw = Encoding.UTF8.GetString(Convert.FromBase64String(Text(confirmed, "rawRequest")));
        Assert.Contains("<SmsCode>***</SmsCode>", raw, StringComparison.Ordinal);
        Assert.Contains(payAct, raw, StringComparison.Ordinal); // a sandbox keeps the bytes as received, but for credentials
        Assert.DoesNotContain(payAct, Text(confirmed, "request"), StringComparison.Ordinal); // the decoded request is masked
    }

    [Fact]
    public async Task A_global_signature_refusal_shows_the_exact_text_verified()
    {
        using var admin = factory.Admin();
        using var client = new GlobalCaller(factory.CreateClient(), factory.Clock);
        var body = """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001"}""";
        var time = client.Now();
        var refused = await client.PostAsync(GlobalCaller.InquiryAccount, body, time: time, signedBody: body + " ");
        Assert.Equal("INVALID_SIGNATURE", refused.ResultCode);

        var entry = await NewestAsync(admin, "global", "INVALID_SIGNATURE");
        Assert.Equal("signature", Text(entry, "refusedBy"));
        Assert.Contains($">>>POST {GlobalCaller.InquiryAccount}\n{GlobalCaller.ClientId}.{time}.{body}<<<", Text(entry, "diagnosis"), StringComparison.Ordinal);
        Assert.Contains("keyVersion 1", Text(entry, "diagnosis"), StringComparison.Ordinal);
        Assert.Contains("\"Signature\":\"***\"", Text(entry, "headers"), StringComparison.Ordinal);

        await client.PostAsync(GlobalCaller.InquiryAccount, body, keyVersion: 9);
        Assert.Equal("key", Text(await NewestAsync(admin, "global", "KEY_NOT_FOUND"), "refusedBy"));
        await client.PostAsync(GlobalCaller.InquiryAccount, body, time: RequestTimeMinutesAgo(factory, 11));
        Assert.Equal("request-time", Text(await NewestAsync(admin, "global", "INVALID_SIGNATURE"), "refusedBy"));
    }

    [Fact]
    public async Task A_risk_sign_refusal_shows_the_string_signed_and_an_independent_MD5_of_it_is_the_right_sign()
    {
        using var admin = factory.Admin();
        var agent = new RiskCaller(factory.CreateClient());
        var query = new JsonObject { ["page"] = 1, ["rows"] = 5, ["accessid"] = RiskCaller.AccessId };
        var refused = await agent.PostAsync("/risk/case/query", query.DeepClone().AsObject(), sign: "0123456789ABCDEF0123456789ABCDEF");
        Assert.Equal(RiskReturnCode.BadSign, refused.ReturnCode);

        var entry = await NewestAsync(admin, "risk", "10002");
        var diagnosis = Text(entry, "diagnosis");
        var signed = diagnosis[(diagnosis.IndexOf(">>>", StringComparison.Ordinal) + 3)..diagnosis.IndexOf("<<<", StringComparison.Ordinal)];
        Assert.EndsWith("&key=***", signed, StringComparison.Ordinal);
        var independent = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(signed[..^3] + RiskCaller.Secret)));
        Assert.Equal(RiskSign.Sign(JsonSerializer.SerializeToElement(query), RiskCaller.Secret), independent);
        Assert.Contains(independent, diagnosis, StringComparison.Ordinal); // the sandbox shows what it computed
        Assert.DoesNotContain(RiskCaller.Secret, diagnosis, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789ABCDEF0123456789ABCDEF", Encoding.UTF8.GetString(Convert.FromBase64String(Text(entry, "rawRequest"))), StringComparison.Ordinal);

        await agent.PostRawAsync("/risk/case/query", """{"page":1,"sign":"FEDCBA9876543210FEDCBA9876543210","rows":""");
        var parsing = await NewestAsync(admin, "risk", "10001");
        Assert.Equal("parsing", Text(parsing, "refusedBy"));
        Assert.Contains("line 1", Text(parsing, "diagnosis"), StringComparison.Ordinal);
        // A body that does not parse is kept as received, but for its credential fields.
        Assert.Equal("""{"page":1,"sign":"***","rows":""", Encoding.UTF8.GetString(Convert.FromBase64String(Text(parsing, "rawRequest"))));
        await new RiskCaller(factory.CreateClient(), "no-such-accessid").QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 5 });
        Assert.Equal("accessid", Text(await NewestAsync(admin, "risk", "10003"), "refusedBy"));
    }

    [Fact]
    public async Task Filters_paging_and_one_request_id()
    {
        using var admin = factory.Admin();
        var bank = new UtilityCaller(factory.CreateClient());
        for (var i = 0; i < 5; i++)
        {
            await bank.SendAsync(UtilityCaller.CustomerCheck());
        }

        var first = await admin.GetFromJsonAsync<JsonElement>("/admin/journal?family=utility&code=AAAAAAA&limit=2");
        var next = first.GetProperty("next").GetInt64();
        var second = await admin.GetFromJsonAsync<JsonElement>($"/admin/journal?family=utility&code=AAAAAAA&limit=2&before={next}");
        var ids = first.GetProperty("entries").EnumerateArray().Concat(second.GetProperty("entries").EnumerateArray()).Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(4, ids.Distinct().Count());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/admin/journal?from=yesterday")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/journal/no-such-request")).StatusCode);

        var sent = await bank.SendAsync(UtilityCaller.CustomerCheck());
        var requestId = sent.Http.Headers.GetValues("X-Request-Id").Single();
        var one = await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/journal/{requestId}");
        Assert.Equal("CustomerCheck", Text(Assert.Single(one!), "operation"));
    }

    [Fact]
    public async Task The_admin_APIs_changes_are_journaled_under_the_tokens_label_and_a_refused_token_too()
    {
        using var admin = factory.Admin();
        var set = await admin.PutAsJsonAsync("/admin/sandbox/inbox/journal-test", new { failStatus = 500 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        using var stranger = factory.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsync("/admin/sandbox/reset", null)).StatusCode);

        var changes = await admin.GetFromJsonAsync<JsonElement>("/admin/journal?family=admin&limit=50");
        var entries = changes.GetProperty("entries").EnumerateArray().ToList();
        var change = entries.First(e => Text(e, "operation") == "PUT /admin/sandbox/inbox/{name}");
        Assert.Equal(("demo", "200"), (Text(change, "caller"), Text(change, "code")));
        var refused = entries.First(e => Text(e, "code") == "401");
        Assert.Equal(("-", "admin-token"), (Text(refused, "caller"), Text(refused, "refusedBy")));
        Assert.DoesNotContain(entries, e => Text(e, "operation").StartsWith("GET ", StringComparison.Ordinal));
    }

    private static async Task<JsonElement> EntryOfAsync(HttpClient admin, HttpResponseMessage response)
    {
        var entries = await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/journal/{response.Headers.GetValues("X-Request-Id").Single()}");
        return entries!.Single(e => e.GetProperty("family").GetString() != "sandbox");
    }

    private static string RequestTimeMinutesAgo(PayHubFactory factory, int minutes) =>
        PayHub.Protocols.GlobalAccounts.RequestTime.Format(factory.Clock.GetUtcNow().AddMinutes(-minutes));
}
