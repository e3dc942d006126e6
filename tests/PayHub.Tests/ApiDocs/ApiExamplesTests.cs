using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PayHub.Protocols.Xml;
using PayHub.Tests.GlobalAccounts;

namespace PayHub.Tests.ApiDocs;

/// <summary>
/// The documents' examples run as written on the demo data: each request example, sent with the credentials the document
/// names, gets an answer of the family's envelope; where the document shows the answer to it, the server gives exactly that.
/// </summary>
public sealed class ApiExamplesTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    [Fact]
    public async Task The_utility_examples_get_the_answers_the_document_shows()
    {
        var document = await ApiDocumentsTests.DocumentAsync("utility");
        var operation = document["paths"]!["/utility/{tranCode}"]!["post"]!;
        using var client = factory.CreateClient();

        var xml = Example(operation["requestBody"]!, "application/xml", "CustomerCheck");
        var xmlAnswer = await SendAsync(client, "/utility/CustomerCheck", "application/xml", Encoding.ASCII.GetBytes(xml), ("X-API-Key", "demo-utility-key"));
        Assert.Equal(Example(operation["responses"]!["200"]!, "application/xml", "CustomerCheck"), XmlCharsets.GetString(XmlCharsets.Gbk, xmlAnswer));

        var json = Example(operation["requestBody"]!, "application/json", "CustomerCheck");
        var jsonAnswer = await SendAsync(client, "/utility/CustomerCheck", "application/json", Encoding.UTF8.GetBytes(json), ("X-API-Key", "demo-utility-key"));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse(Example(operation["responses"]!["200"]!, "application/json", "CustomerCheck")),
            JsonNode.Parse(jsonAnswer)));

        foreach (var (name, example) in operation["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject())
        {
            var body = (string)example!["value"]!.ToJsonString();
            var answer = JsonNode.Parse(await SendAsync(client, "/utility/" + name, "application/json", Encoding.UTF8.GetBytes(body), ("X-API-Key", "demo-utility-key")))!;
            Assert.Equal(name + "Res", (string)answer["TranCode"]!);
            Assert.Contains((string)answer["RespCode"]!, Enum(document["components"]!["schemas"]!["UtilityAnswer"]!["properties"]!["RespCode"]!));
        }
    }

    [Fact]
    public async Task The_dsp_examples_signed_as_the_document_says_get_the_answers_it_shows()
    {
        var document = await ApiDocumentsTests.DocumentAsync("dsp");
        var operation = document["paths"]!["/dsp"]!["post"]!;
        using var client = factory.CreateClient();

        foreach (var name in (string[])["ContractStep01", "SeedDeContract"])
        {
            var body = Encoding.UTF8.GetBytes(Example(operation["requestBody"]!, "application/xml", name));
            var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("demo-dsp-secret"), body));
            Assert.Contains("X-DSP-Signature: " + signature, (string)operation["requestBody"]!["content"]!["application/xml"]!["examples"]![name]!["summary"]!, StringComparison.Ordinal);
            var answer = await SendAsync(client, "/dsp", "application/xml", body, ("X-DSP-Client", "demo-frontend"), ("X-DSP-Signature", signature));
            Assert.Equal(Example(operation["responses"]!["200"]!, "application/xml", name), Encoding.UTF8.GetString(answer));
        }
    }

    [Fact]
    public async Task The_risk_examples_get_the_answers_the_document_shows()
    {
        var document = await ApiDocumentsTests.DocumentAsync("risk");
        var query = document["paths"]!["/risk/case/query"]!["post"]!;
        using var client = factory.CreateClient();

        var seedCase = await SendAsync(client, "/risk/case/query", "application/json", Encoding.UTF8.GetBytes(Example(query["requestBody"]!, "application/json", "SeedCase")));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Example(query["responses"]!["200"]!, "application/json", "Success")), JsonNode.Parse(seedCase)));

        var firstPage = JsonNode.Parse(await SendAsync(client, "/risk/case/query", "application/json", Encoding.UTF8.GetBytes(Example(query["requestBody"]!, "application/json", "FirstPage"))))!;
        Assert.Equal(10000, (int)firstPage["return_code"]!);
        Assert.Equal(5, (int)firstPage["data"]!["total"]!);

        var reply = document["paths"]!["/risk/case/reply"]!["post"]!;
        var replied = JsonNode.Parse(await SendAsync(client, "/risk/case/reply", "application/json", Encoding.UTF8.GetBytes(Example(reply["requestBody"]!, "application/json", "Reply"))))!;
        Assert.Equal(10000, (int)replied["return_code"]!);
        Assert.Equal("DSH", (string)replied["data"]!["auditStatus"]!);
    }

    [Fact]
    public async Task The_inquiry_account_example_signed_by_the_demo_client_gets_the_answer_the_document_shows()
    {
        var document = await ApiDocumentsTests.DocumentAsync("global");
        var operation = document["paths"]![GlobalCaller.InquiryAccount]!["post"]!;
        using var caller = new GlobalCaller(factory.CreateClient());

        var answer = await caller.PostAsync(GlobalCaller.InquiryAccount, Example(operation["requestBody"]!, "application/json", "RECEIVE_ACCOUNT"));

        var shown = JsonNode.Parse(Example(operation["responses"]!["200"]!, "application/json", "Success"))!.AsObject();
        var given = JsonNode.Parse(answer.Text)!.AsObject();
        Assert.Matches("^[0-9a-f]{32}$", (string)given["responseId"]!);
        shown.Remove("responseId");
        given.Remove("responseId");
        Assert.True(JsonNode.DeepEquals(shown, given), answer.Text);
    }

    /// <summary>An example of a body or answer: its text (an XML example is a string; a JSON one, the JSON itself).</summary>
    private static string Example(JsonNode bodyOrAnswer, string mediaType, string name)
    {
        var value = bodyOrAnswer["content"]![mediaType]!["examples"]![name]!["value"]!;
        return value.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)value! : value.ToJsonString();
    }

    private static IEnumerable<string> Enum(JsonNode schema) => schema["enum"]!.AsArray().Select(v => (string)v!);

    private static async Task<byte[]> SendAsync(HttpClient client, string path, string contentType, byte[] body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
