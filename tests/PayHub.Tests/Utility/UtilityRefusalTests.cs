using System.Net;
using System.Text;
using Dapper;
using PayHub.Protocols.Crypto;
using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;

namespace PayHub.Tests.Utility;

/// <summary>Every RespCode CustomerCheck and the envelope can give, with its HTTP status, in SPEC's order of checks.</summary>
public sealed class UtilityRefusalTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private readonly UtilityCaller _bank = new(factory.CreateClient());

    private static byte[] Gbk(string text) => XmlCharsets.Gbk.GetBytes(text);

    private static string Xml(UtilityMessage message) => XmlCharsets.Gbk.GetString(UtilityXmlCodec.Write(message, XmlCharsets.Gbk, "GBK"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-key")]
    public async Task EGG0001_for_a_missing_or_unknown_API_key(string? apiKey)
    {
        var response = await _bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: apiKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("EGG0001", response.RespCode);
    }

    [Fact]
    public async Task EGG0001_when_the_InstId_is_not_the_keys()
    {
        var response = await _bank.SendAsync(UtilityCaller.CustomerCheck().Set("InstId", "00002"));

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("EGG0001", response.RespCode);
        Assert.Equal("00002", response["InstId"]);
    }

    [Fact]
    public async Task EGG0001_comes_before_an_unreadable_body()
    {
        var response = await _bank.PostAsync("/utility/CustomerCheck", "<in><broken"u8.ToArray(), apiKey: "wrong");
        Assert.Equal("EGG0001", response.RespCode);
    }

    [Fact]
    public async Task EGG0002_for_a_body_that_is_not_base64_and_the_answer_is_plain()
    {
        var headers = new Dictionary<string, string> { ["EncryptType"] = "SM4", ["EncryptMode"] = "ECB" };

        var response = await _bank.PostAsync("/utility/CustomerCheck", Gbk(Xml(UtilityCaller.CustomerCheck())), "text/plain", headers: headers);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("application/xml", response.Http.Content.Headers.ContentType!.MediaType);
        Assert.Equal("EGG0002", response.RespCode);
    }

    [Fact]
    public async Task EGG0002_for_a_body_sealed_under_another_key()
    {
        var otherKey = Convert.FromHexString("00112233445566778899aabbccddeeff");
        var sealedBody = new UtilityEncryption(BlockCipherKind.Aes, BlockChaining.Ecb).Seal(otherKey, Gbk(Xml(UtilityCaller.CustomerCheck("WRONGKEY1"))));
        var headers = new Dictionary<string, string> { ["EncryptType"] = "AES", ["EncryptMode"] = "ECB" };

        var response = await _bank.PostAsync("/utility/CustomerCheck", Encoding.ASCII.GetBytes(sealedBody), "text/plain", headers: headers);

        Assert.Equal("EGG0002", response.RespCode);
    }

    [Theory]
    [InlineData("RC4", "ECB")]
    [InlineData("SM4", "GCM")]
    public async Task EGG0002_for_an_EncryptType_or_EncryptMode_outside_the_table(string type, string mode)
    {
        var headers = new Dictionary<string, string> { ["EncryptType"] = type, ["EncryptMode"] = mode };
        var response = await _bank.PostAsync("/utility/CustomerCheck", "AAAA"u8.ToArray(), "text/plain", headers: headers);
        Assert.Equal("EGG0002", response.RespCode);
    }

    [Fact]
    public async Task Once_decrypted_even_a_refusal_is_encrypted()
    {
        var encryption = new UtilityEncryption(BlockCipherKind.Sm4, BlockChaining.Cbc);

        var response = await _bank.SendAsync(UtilityCaller.CustomerCheck().Set("companyId", "999999"), encryption: encryption);

        Assert.Equal("text/plain", response.Http.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("DEF0006", response.RespCode);
    }

    public static TheoryData<string, string> UnreadableBodies() => new()
    {
        { "broken XML", "<?xml version=\"1.0\" encoding=\"GBK\"?><in><Version>1.0.1</Version>" },
        { "DTD", "<?xml version=\"1.0\"?><!DOCTYPE in [<!ELEMENT in ANY>]><in><Version>1.0.1</Version></in>" },
        { "external entity", "<?xml version=\"1.0\"?><!DOCTYPE in [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><in><billKey>&x;</billKey></in>" },
        { "wrong root", "<?xml version=\"1.0\" encoding=\"GBK\"?><out><Version>1.0.1</Version></out>" },
        { "not XML", "TranCode=CustomerCheck" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task DEF0001_for_a_body_that_cannot_be_read(string what, string body)
    {
        var response = await _bank.PostAsync("/utility/CustomerCheck", Gbk(body));

        Assert.True(response.RespCode == "DEF0001", what);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task DEF0001_for_a_100_KiB_body()
    {
        var padding = new string(' ', 100 * 1024);
        var response = await _bank.PostAsync("/utility/CustomerCheck", Gbk(Xml(UtilityCaller.CustomerCheck()).Replace("<in>", "<in>" + padding)));

        Assert.Equal("DEF0001", response.RespCode);
        Assert.Contains("65536", response["RespMessage"]);
    }

    [Fact]
    public async Task DEF0001_for_bytes_that_are_not_GBK()
    {
        byte[] body = [.. Gbk("<?xml version=\"1.0\" encoding=\"GBK\"?><in><customerName>"), 0x81, 0x20, .. Gbk("</customerName></in>")];
        var response = await _bank.PostAsync("/utility/CustomerCheck", body);
        Assert.Equal("DEF0001", response.RespCode);
    }

    [Fact]
    public async Task DEF0001_names_a_character_the_parser_quotes_by_its_code_point_so_the_GBK_answer_stays_GBK()
    {
        // FE FE lies in GBK's user-defined area: the platform's code page reads it as a private-use character,
        // which may not start an element name, and the parser's message quotes it. Written back in the
        // GBK answer as it is, it would be FE FE again, which strict GBK readers refuse.
        byte[] body = [.. Gbk("<?xml version=\"1.0\" encoding=\"GBK\"?><in><"), 0xFE, 0xFE, .. Gbk("a>1</in>")];

        var response = await _bank.PostAsync("/utility/CustomerCheck", body);

        Assert.Equal("DEF0001", response.RespCode);
        Assert.Matches("U\\+E[0-9A-F]{3}", response["RespMessage"]);
        Assert.DoesNotMatch("[\uE000-\uF8FF]", response["RespMessage"]!);
        Assert.True(PayHub.Protocols.Tests.Xml.StrictGbk.IsValid(response.Body), Convert.ToHexString(response.Body));
    }

    [Fact]
    public async Task DEF0001_for_a_charset_outside_GBK_GB18030_UTF8_answered_in_GBK()
    {
        var response = await _bank.PostAsync("/utility/CustomerCheck", Gbk(Xml(UtilityCaller.CustomerCheck())), "application/xml; charset=ISO-8859-1");

        Assert.Equal("DEF0001", response.RespCode);
        Assert.Equal("GBK", response.Http.Content.Headers.ContentType!.CharSet);
    }

    [Fact]
    public async Task DEF0001_for_JSON_holding_U0000_which_XML_cannot_carry_either()
    {
        var response = await _bank.PostAsync("/utility/CustomerCheck", """{"Version":"1.0.1","InstId":"00001","TranCode":"CustomerCheck","TranDate":"20240101","TranSeq":"NUL1","companyId":"654321","queryType":"0","billKey":"123\u0000456"}"""u8.ToArray(), "application/json");

        Assert.Equal("DEF0001", response.RespCode);
        Assert.Contains("U+0000", response["RespMessage"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DEF0001_for_JSON_that_is_not_a_flat_object_answered_in_JSON()
    {
        var response = await _bank.PostAsync("/utility/CustomerCheck", "{\"InstId\":{\"a\":1}}"u8.ToArray(), "application/json");

        Assert.Equal("application/json", response.Http.Content.Headers.ContentType!.MediaType);
        Assert.Equal("DEF0001", response.RespCode);
    }

    [Fact]
    public async Task DEF0002_names_every_missing_or_malformed_field()
    {
        var request = new UtilityMessage("in").Set("Version", "9.9").Set("InstId", "00001").Set("TranCode", "CustomerCheck")
            .Set("TranDate", "20241341").Set("TranSeq", "has spaces").Set("queryType", "7");

        var response = await _bank.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("DEF0002", response.RespCode);
        var message = response["RespMessage"]!;
        foreach (var field in new[] { "Version", "TranDate", "TranSeq", "companyId", "queryType" })
        {
            Assert.Contains(field + ":", message);
        }
    }

    [Theory]
    [InlineData("0", "billKey")]
    [InlineData("1", "contractNo")]
    public async Task DEF0002_for_the_identifier_the_query_type_needs(string queryType, string field)
    {
        var request = UtilityEnvelope.Request("00001", "CustomerCheck", "20240101", UtilityCaller.NewTranSeq())
            .Set("companyId", "654321").Set("queryType", queryType);

        var response = await _bank.SendAsync(request);

        Assert.Equal("DEF0002", response.RespCode);
        Assert.Contains(field, response["RespMessage"]);
    }

    [Fact]
    public async Task DEF0003_for_an_unknown_TranCode()
    {
        var response = await _bank.SendAsync(UtilityCaller.CustomerCheck().Set("TranCode", "Transfer"));

        Assert.Equal("DEF0003", response.RespCode);
        Assert.Equal("TransferRes", response["TranCode"]);
    }

    [Fact]
    public async Task DEF0003_when_path_and_body_disagree()
    {
        var response = await _bank.SendAsync(UtilityCaller.CustomerCheck(), path: "/utility/Query");
        Assert.Equal("DEF0003", response.RespCode);
    }

    [Fact]
    public async Task DEF0003_comes_before_missing_fields_and_EGG0001_for_the_InstId_before_them()
    {
        var unknownAndIncomplete = UtilityEnvelope.Request("00001", "Transfer", "", "");
        var foreignAndIncomplete = UtilityEnvelope.Request("00009", "CustomerCheck", "", "");

        Assert.Equal("DEF0003", (await _bank.SendAsync(unknownAndIncomplete)).RespCode);
        Assert.Equal("EGG0001", (await _bank.SendAsync(foreignAndIncomplete)).RespCode);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task A_method_other_than_POST_is_DEF0001_with_405_in_the_familys_envelope(string method)
    {
        using var client = factory.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/utility/CustomerCheck"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
        var message = UtilityXmlCodec.Read(await response.Content.ReadAsByteArrayAsync(), "GBK", "out").Message!;
        Assert.Equal("DEF0001", message.Get("RespCode"));
    }

    [Fact]
    public async Task DEF0005_for_an_unknown_billKey()
    {
        var response = await _bank.SendAsync(UtilityCaller.CustomerCheck().Set("billKey", "999999").Set("contractNo", ""));
        Assert.Equal("DEF0005", response.RespCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task DEF0006_for_an_unknown_company_before_the_customer()
    {
        var response = await _bank.SendAsync(UtilityCaller.CustomerCheck().Set("companyId", "000000").Set("billKey", "999999"));
        Assert.Equal("DEF0006", response.RespCode);
    }

    [Theory]
    [InlineData("0", "CONTRACT999")]
    [InlineData("1", "CONTRACT999")]
    public async Task DEF0007_for_a_contract_that_is_unknown_or_not_this_customers(string queryType, string contractNo)
    {
        var response = await _bank.SendAsync(UtilityCaller.CustomerCheck().Set("queryType", queryType).Set("contractNo", contractNo));
        Assert.Equal("DEF0007", response.RespCode);
    }

    [Fact]
    public async Task Refusals_change_no_business_data_and_each_is_in_the_audit_trail()
    {
        using var before = factory.OpenDatabase();
        var payments = await before.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM utility_payments");
        var customers = await before.QueryAsync<string>("SELECT name || phone || customer_status FROM utility_customers");

        var refused = new List<UtilityResponse>
        {
            await _bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: "nope"),
            await _bank.PostAsync("/utility/CustomerCheck", Gbk("<in><broken")),
            await _bank.SendAsync(UtilityCaller.CustomerCheck().Set("TranCode", "Transfer")),
            await _bank.SendAsync(UtilityCaller.CustomerCheck().Set("companyId", "")),
            await _bank.SendAsync(UtilityCaller.CustomerCheck().Set("billKey", "000000").Set("contractNo", "")),
        };

        Assert.Equal(["EGG0001", "DEF0001", "DEF0003", "DEF0002", "DEF0005"], refused.Select(r => r.RespCode));
        using var after = factory.OpenDatabase();
        Assert.Equal(payments, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM utility_payments"));
        Assert.Equal(customers, await after.QueryAsync<string>("SELECT name || phone || customer_status FROM utility_customers"));
        foreach (var response in refused)
        {
            var requestId = response.Http.Headers.GetValues("X-Request-Id").Single();
            var outcome = await after.ExecuteScalarAsync<string>("SELECT outcome FROM audit_trail WHERE request_id = @requestId", new { requestId });
            Assert.Equal(response.RespCode, outcome);
        }

        var kept = await after.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM utility_requests WHERE resp_code NOT IN ('AAAAAAA','DEF0005','DEF0006','DEF0007')");
        Assert.Equal(0, kept);
    }
}
