using System.Net;
using System.Text;
using System.Text.Json;
using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Extending;

/// <summary>
/// docs/extending.md, followed: a fifth family built only from the page's steps (this folder) is
/// registered by one <c>AddEchoFamily()</c> and answers through the front door like the other four:
/// its answer, its refusal, its system error in its own envelope, its audit row and its rate limit.
/// </summary>
public sealed class EchoFamilyTests : IDisposable
{
    private readonly PayHubFactory _factory = new();

    public EchoFamilyTests()
    {
        _factory.TestServices.Add(services => services.AddEchoFamily());
    }

    public void Dispose() => _factory.Dispose();

    private async Task<(HttpStatusCode Status, UtilityMessage Answer)> PostAsync(string body, string apiKey = UtilityCaller.ApiKey)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/echo") { Content = new ByteArrayContent(XmlCharsets.Gbk.GetBytes(body)) };
        request.Headers.Add("X-API-Key", apiKey);
        var response = await client.SendAsync(request);
        Assert.Equal("application/xml; charset=GBK", response.Content.Headers.ContentType!.ToString());
        var read = UtilityXmlCodec.Read(await response.Content.ReadAsByteArrayAsync(), null, UtilityMessage.ResponseRoot);
        return (response.StatusCode, read.Message ?? throw new InvalidOperationException(read.Problem));
    }

    private static string Envelope(string extra = "") =>
        $"""<?xml version="1.0" encoding="GBK"?><in><TranCode>Echo</TranCode><TranSeq>E1</TranSeq><customerName>张三</customerName>{extra}</in>""";

    [Fact]
    public async Task The_fifth_family_echoes_the_request_and_keeps_its_audit_row()
    {
        var (status, answer) = await PostAsync(Envelope());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("AAAAAAA", "张三", "E1"), (answer.Get("RespCode"), answer.Get("customerName"), answer.Get("TranSeq")));
        using var admin = _factory.Admin();
        var audit = await admin.GetFromJsonAsync<JsonElement>("/admin/audit?family=echo");
        var row = audit.EnumerateArray().Single(r => r.GetProperty("family").GetString() == "echo");
        Assert.Equal(("00001", "E1", "AAAAAAA"), (row.GetProperty("caller").GetString(), row.GetProperty("sequenceNo").GetString(), row.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task A_refusal_and_a_failure_are_answered_in_the_family_s_envelope()
    {
        var refused = await PostAsync(Envelope(), apiKey: "no-such-key");
        var failed = await PostAsync(Envelope("<Boom>1</Boom>"));

        Assert.Equal(UtilityRespCode.Unauthorized, refused.Answer.Get("RespCode"));
        Assert.Equal(UtilityRespCode.SystemError, failed.Answer.Get("RespCode"));
        Assert.Contains(_factory.Logs.Lines, line => line.Contains("echo request", StringComparison.Ordinal) && line.Contains("asked to fail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_rate_limit_is_the_institution_s_own_in_the_new_family()
    {
        using (var admin = _factory.Admin())
        {
            Assert.True((await admin.PutAsJsonAsync("/admin/institutions/00001", new { name = "演示银行", rateLimitPerSecond = 1 })).IsSuccessStatusCode);
        }

        var codes = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await PostAsync(Envelope())).Answer.Get("RespCode"));
        }

        Assert.Contains(UtilityRespCode.RateLimited, codes);
        Assert.Contains("AAAAAAA", codes);
    }
}
