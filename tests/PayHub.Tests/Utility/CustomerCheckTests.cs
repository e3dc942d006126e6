using System.Net;
using System.Text;
using PayHub.Protocols.Crypto;
using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;

namespace PayHub.Tests.Utility;

/// <summary>The seed's CustomerCheck, end to end through HTTP against the demo data.</summary>
public sealed class CustomerCheckTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private readonly UtilityCaller _bank = new(factory.CreateClient());

    private static string Seed(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Utility", "Seed", name));

    /// <summary>The seed's response example, field by field.</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> SeedResponse() =>
        UtilityXmlCodec.Read(Encoding.UTF8.GetBytes(Seed("customer-check-response.xml")), "UTF-8", "out").Message!.Fields;

    [Fact]
    public async Task The_seed_request_sent_as_is_gets_the_seed_response_field_for_field_in_GBK()
    {
        var body = XmlCharsets.Gbk.GetBytes(Seed("customer-check-request.xml"));

        var response = await _bank.PostAsync("/utility/CustomerCheck", body);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/xml", response.Http.Content.Headers.ContentType!.MediaType);
        Assert.Equal("GBK", response.Http.Content.Headers.ContentType.CharSet);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"GBK\"?>", Encoding.ASCII.GetString(response.Body));
        Assert.Equal(SeedResponse(), response.Message!.Fields);
        var zhangSanInGbk = new byte[] { 0xD5, 0xC5, 0xC8, 0xFD };
        Assert.True(response.Body.AsSpan().IndexOf(zhangSanInGbk) > 0, "张三 is written in GBK bytes");
        Assert.True(long.TryParse(response.Http.Headers.GetValues("X-Response-Time").Single(), out _));
        Assert.Single(response.Http.Headers.GetValues("X-Request-Id"));
    }

    [Fact]
    public async Task The_seed_request_without_TranCode_in_the_path_gets_the_same_answer()
    {
        var body = XmlCharsets.Gbk.GetBytes(Seed("customer-check-request.xml").Replace("123456789012", "223456789012"));

        var response = await _bank.PostAsync("/utility", body);

        Assert.Equal(SeedResponse().Where(f => f.Key != "TranSeq"), response.Message!.Fields.Where(f => f.Key != "TranSeq"));
    }

    [Fact]
    public async Task The_same_request_in_JSON_gets_the_same_fields_as_strings()
    {
        var response = await _bank.SendAsync(UtilityCaller.CustomerCheck("123456789012"), UtilityDataType.Json);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.Http.Content.Headers.ContentType!.MediaType);
        Assert.Equal(SeedResponse(), response.Message!.Fields);
        Assert.Contains("\"totalPayCount\":\"36\"", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public async Task A_JSON_request_may_send_queryType_as_a_number()
    {
        var json = """{"Version":"1.0.1","InstId":"00001","TranCode":"CustomerCheck","TranDate":"20240102","TranSeq":"J1","companyId":"654321","queryType":0,"billKey":"123456"}""";

        var response = await _bank.PostAsync("/utility/CustomerCheck", Encoding.UTF8.GetBytes(json), "application/json");

        Assert.Equal("AAAAAAA", response.RespCode);
        Assert.Equal("540000", response["totalPayAmount"]);
    }

    public static TheoryData<string, string, string> Encryptions() => new()
    {
        { "SM4", "ECB", "XML" }, { "SM4", "CBC", "XML" }, { "AES", "ECB", "XML" },
        { "AES", "CBC", "XML" }, { "3DES", "ECB", "XML" }, { "3DES", "CBC", "XML" },
        { "SM4", "ECB", "JSON" }, { "SM4", "CBC", "JSON" }, { "AES", "CBC", "JSON" }, { "3DES", "ECB", "JSON" },
    };

    [Theory]
    [MemberData(nameof(Encryptions))]
    public async Task Encrypted_requests_get_the_seed_answer_encrypted_the_same_way(string type, string mode, string dataType)
    {
        Assert.True(UtilityEncryption.TryParse(type, mode, out var encryption));
        var format = dataType == "JSON" ? UtilityDataType.Json : UtilityDataType.Xml;
        var tranSeq = "E" + type.Replace("3", "T") + mode + dataType;

        var response = await _bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq), format, encryption);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/plain", response.Http.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("<out>", Encoding.ASCII.GetString(response.Body));
        Assert.Equal(SeedResponse().Where(f => f.Key != "TranSeq"), response.Message!.Fields.Where(f => f.Key != "TranSeq"));
        Assert.Equal(tranSeq, response["TranSeq"]);
    }

    [Fact]
    public async Task A_CBC_answer_carries_a_fresh_IV_each_time()
    {
        var encryption = new UtilityEncryption(BlockCipherKind.Sm4, BlockChaining.Cbc);

        var first = await _bank.SendAsync(UtilityCaller.CustomerCheck(), encryption: encryption);
        var second = await _bank.SendAsync(UtilityCaller.CustomerCheck(), encryption: encryption);

        Assert.NotEqual(Convert.FromBase64String(Encoding.ASCII.GetString(first.Body))[..16], Convert.FromBase64String(Encoding.ASCII.GetString(second.Body))[..16]);
    }

    [Fact]
    public async Task QueryType_1_finds_the_customer_by_contract_number()
    {
        var request = UtilityEnvelope.Request("00001", "CustomerCheck", "20240101", UtilityCaller.NewTranSeq())
            .Set("companyId", "654321").Set("queryType", "1").Set("contractNo", "CONTRACT001");

        var response = await _bank.SendAsync(request);

        Assert.Equal("AAAAAAA", response.RespCode);
        Assert.Equal("123456", response["billKey"]);
        Assert.Equal("张三", response["customerName"]);
        Assert.Equal("36", response["totalPayCount"]);
    }

    [Fact]
    public async Task A_UTF8_request_is_answered_in_UTF8()
    {
        var body = Encoding.UTF8.GetBytes(Seed("customer-check-request.xml").Replace("GBK", "UTF-8").Replace("123456789012", "U8"));

        var response = await _bank.PostAsync("/utility/CustomerCheck", body, "application/xml; charset=UTF-8");

        Assert.Equal("UTF-8", response.Http.Content.Headers.ContentType!.CharSet);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", Encoding.UTF8.GetString(response.Body));
        Assert.Equal("张三", response["customerName"]);
    }
}
