using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PayHub.Protocols.RiskCases;

namespace PayHub.Tests.RiskCases;

/// <summary>A service provider's client: signs each request with its secret, as the interface's sign rules say.</summary>
public sealed class RiskCaller(HttpClient http, string accessId = RiskCaller.AccessId, string secret = RiskCaller.Secret)
{
    public const string AccessId = "4028805b6e86d179016e874f6c4200ad";
    public const string Secret = "demo-risk-secret";
    public const string SecondAccessId = "4028805b6e86d179016e874f6c4200ae";
    public const string SecondSecret = "demo-risk-secret-2";
    public const string SeedCaseNo = "20230505153037394436862808100";

    /// <summary>Signs (unless a sign is given) and posts the parameters; the answer must be HTTP 200 JSON.</summary>
    public async Task<RiskResponse> PostAsync(string path, JsonObject parameters, string? sign = null)
    {
        parameters["accessid"] ??= accessId;
        parameters["sign"] = sign ?? RiskSign.Sign(JsonSerializer.SerializeToElement(parameters), secret);
        return await PostRawAsync(path, parameters.ToJsonString());
    }

    public Task<RiskResponse> PostRawAsync(string path, string body) => PostRawAsync(path, Encoding.UTF8.GetBytes(body));

    public async Task<RiskResponse> PostRawAsync(string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await http.PostAsync(path, content);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return new RiskResponse(JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    public Task<RiskResponse> QueryAsync(JsonObject parameters) => PostAsync("/risk/case/query", parameters);

    public Task<RiskResponse> ReplyAsync(string caseNo, string remark, string? way = null)
    {
        var parameters = new JsonObject { ["caseNo"] = caseNo, ["surveyRemark"] = remark };
        if (way is not null)
        {
            parameters["surveyWay"] = way;
        }

        return PostAsync("/risk/case/reply", parameters);
    }
}

public sealed record RiskResponse(JsonElement Json, string Text)
{
    public int ReturnCode => Json.GetProperty("return_code").GetInt32();

    public string ReturnMessage => Json.GetProperty("return_msg").GetString()!;

    public long Total => Json.GetProperty("data").GetProperty("total").GetInt64();

    public List<JsonElement> Rows => Json.GetProperty("data").GetProperty("rows").EnumerateArray().ToList();

    public List<string> CaseNos => Rows.Select(r => r.GetProperty("caseNo").GetString()!).ToList();
}
