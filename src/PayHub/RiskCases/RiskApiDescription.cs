using Microsoft.OpenApi;
using PayHub.Hosting;
using static PayHub.Hosting.ApiSchemas;

namespace PayHub.RiskCases;

/// <summary>
/// The risk document's hand-declared parts: the endpoints read and check their signed JSON themselves, so the bodies,
/// the return codes and the push (a webhook the platform calls) are declared here.
/// </summary>
public sealed class RiskApiDescription : IApiDescription
{
    public const string Document = "risk";
    public const string Title = "PayHub risk cases";

    public const string Summary =
        "Service providers (agents, 服务商) query the risk cases of the merchants in their own tree, reply to those awaiting it, and are " +
        "pushed every new or changed case (the webhook `riskCasePush`). Every request carries `accessid` and `sign`; every answer is HTTP 200.\n\n" +
        "**Sign**: drop `sign` and every null or empty value; numbers as their JSON text, strings as they are; sort by key in byte order; join " +
        "`k=v` with `&`; append `&key=<the accessid's secret>`; MD5 of the UTF-8 bytes, upper-case hex. An optional `timestamp` (epoch ms) " +
        "is signed like any field and must be within 5 minutes. Demo: `printf '%s' 'accessid=4028805b6e86d179016e874f6c4200ad&page=1&rows=20&key=demo-risk-secret' | md5sum`.\n\n" +
        ReturnCodes;

    private const string ReturnCodes =
        "| return_code | meaning |\n|---|---|\n" +
        "| `10000` | success |\n" +
        "| `10001` | parameter missing or malformed (the message names it) |\n" +
        "| `10002` | sign wrong, or timestamp stale |\n" +
        "| `10003` | accessid unknown or disabled |\n" +
        "| `10004` | agentNo outside the caller's tree |\n" +
        "| `10005` | over the rate limit |\n" +
        "| `10006` | case not awaiting a reply (reply only) |\n" +
        "| `19999` | internal error |\n\n" +
        "Checks in this order: JSON (10001), accessid (10003), sign and timestamp (10002), rate limit (10005), parameters (10001), scope (10004).";

    private const string SeedCaseQuery =
        "{\"accessid\":\"4028805b6e86d179016e874f6c4200ad\",\"caseNo\":\"20230505153037394436862808100\",\"page\":1,\"rows\":20,\"sign\":\"C8C67E4A09BBC2F95AC77A1CF240ED9E\"}";

    private const string SeedCaseRow =
        "{\"legalPhone\":\"15235252720\",\"mercCreateTime\":\"2019-12-13 11:35:15\",\"cardNo\":\"\",\"surveyRemark\":\"\",\"riskTypeRules\":\"SR00045\"," +
        "\"longitude\":\"\",\"mercName\":\"山西兴宇装饰工程服务有限公司\",\"mercNum\":\"833163489120001\",\"riskTypeCaseDealWay\":\"investigate\"," +
        "\"areaCode\":\"110101\",\"referOrders\":\"\",\"cityCode\":\"110100\",\"latitude\":\"\",\"remark\":\"\",\"agentNo\":\"FW1000161\",\"typeNo\":\"T00038\"," +
        "\"legalPerson\":\"索亦荣\",\"flowNodeKey\":\"SAASSH\",\"surveyWay\":\"\",\"provCode\":\"110000\",\"suggest\":\"\",\"caseNo\":\"20230505153037394436862808100\"," +
        "\"createTime\":\"2023-05-05 15:30:37\",\"caseDealWay\":\"investigate\",\"auditStatus\":\"DSH\",\"createWay\":\"\",\"surveyResult\":\"\"," +
        "\"termNo\":\"CHT0092930\",\"firstAgentNo\":\"FW1000161\",\"firstAgentName\":\"张亚飞测试测试\",\"agentName\":\"张亚飞测试测试\",\"surveyTime\":\"\"," +
        "\"submitTime\":\"\",\"level\":\"1级服务商编号:FW1000161\"}";

    private static readonly (string Name, string Description)[] RowFields =
    [
        ("caseNo", "The case number"), ("createTime", "When the case was opened, yyyy-MM-dd HH:mm:ss"), ("auditStatus", "DTJ awaiting the agent's reply, DSH awaiting review, TG passed, BH returned for another reply"),
        ("mercNum", "The merchant"), ("mercName", "The merchant's name"), ("mercCreateTime", "When the merchant joined"), ("legalPerson", "The merchant's legal person"),
        ("legalPhone", "Their phone"), ("agentNo", "The merchant's direct agent"), ("agentName", "Its name"), ("firstAgentNo", "The top of the merchant's agent chain"),
        ("firstAgentName", "Its name"), ("level", "<depth>级服务商编号:<the direct agent>"), ("typeNo", "Risk type"), ("riskTypeRules", "The rules that fired"),
        ("caseDealWay", "How the case is handled"), ("riskTypeCaseDealWay", "How the risk type is handled"), ("flowNodeKey", "Workflow node"),
        ("termNo", "Terminal"), ("cardNo", "Card involved"), ("referOrders", "Orders involved"), ("provCode", "Province"), ("cityCode", "City"), ("areaCode", "District"),
        ("longitude", "Longitude"), ("latitude", "Latitude"), ("surveyWay", "How the agent investigated"), ("surveyRemark", "The agent's reply"),
        ("surveyResult", "The investigation's result"), ("surveyTime", "When investigated"), ("submitTime", "When the reply was submitted"),
        ("suggest", "The platform's suggestion"), ("remark", "Remark"), ("createWay", "How the case was created"),
    ];

    public void Complete(OpenApiDocument document, IServiceProvider services)
    {
        var row = Shared(document, "RiskCase", Object(
            "One case: the seed's table plus firstAgentName; empty values are \"\"",
            [.. RowFields.Select(f => f.Name)],
            [.. RowFields.Select(f => (f.Name, (IOpenApiSchema)Text(f.Description)))]));
        var refused = Shared(document, "RiskRefusal", Object(
            "Any answer but success: no data",
            ["return_code", "return_msg"],
            ("return_code", Integer("10001 to 10006, 19999 (the document's table)")),
            ("return_msg", Text("What is wrong"))));
        var signed = new (string, IOpenApiSchema)[]
        {
            ("accessid", Text("Which agent is asking")),
            ("timestamp", Integer("Optional: epoch milliseconds, within 5 minutes")),
            ("sign", Text("The MD5 sign (see the document's description)", "^[0-9A-Fa-f]{32}$")),
        };

        var query = Operation(document, "RiskCaseQuery");
        query.RequestBody = Json(
            Shared(document, "RiskCaseQuery", Object(
                "A page of the caller's tree, newest first (createTime, then caseNo, descending); page and rows as numbers or numeric strings",
                ["accessid", "sign", "page", "rows"],
                [
                    .. signed,
                    ("page", Integer("From 1", minimum: 1)),
                    ("rows", Integer("Per page", 1, 100)),
                    ("caseNo", Text("One case (outside the caller's tree it matches nothing)")),
                    ("agentNo", Text("The merchant's direct agent; outside the caller's tree: 10004")),
                    ("mercNum", Text("One merchant")),
                    ("createTimeStart", Text("yyyy-MM-dd HH:mm:ss, inclusive")),
                    ("createTimeEnd", Text("yyyy-MM-dd HH:mm:ss, inclusive")),
                    ("max_amount", Text("The seed's name for createTimeStart, accepted as its alias")),
                ])),
            ("FirstPage", "The first page of the demo agent's cases (examples/risk-cases/query.json)", Example("risk-cases/query.json")),
            ("SeedCase", "The seed's example case", SeedCaseQuery));
        query.Responses = Answers(
            Shared(document, "RiskCasePage", Success("Success", Object("The page", ["total", "rows"], ("total", Integer("Matching cases, all pages")), ("rows", List("This page", row))))),
            refused,
            "{\"return_code\":10000,\"return_msg\":\"\",\"data\":{\"total\":1,\"rows\":[" + SeedCaseRow + "]}}");

        var reply = Operation(document, "RiskCaseReply");
        reply.Description = "Accepted while the case is DTJ or BH and in the caller's tree: sets surveyRemark, surveyWay and submitTime and moves it to DSH. " +
            "The same reply again while DSH answers success and changes nothing; another reply in DSH, or any in TG or after closing, is 10006.";
        reply.RequestBody = Json(
            Shared(document, "RiskCaseReply", Object(
                "The agent's investigation",
                ["accessid", "sign", "caseNo", "surveyRemark"],
                [.. signed, ("caseNo", Text("The case")), ("surveyRemark", Text("The reply")), ("surveyWay", Text("Optional: how it was investigated"))])),
            ("Reply", "A reply to the demo's DTJ case (examples/risk-cases/reply.json)", Example("risk-cases/reply.json")));
        reply.Responses = Answers(
            Shared(document, "RiskCaseReplied", Success("Success: the case as it now is", row)),
            refused,
            null);

        document.Webhooks = new Dictionary<string, IOpenApiPathItem>(StringComparer.Ordinal)
        {
            ["riskCasePush"] = new OpenApiPathItem
            {
                Operations = new()
                {
                    [HttpMethod.Post] = new OpenApiOperation
                    {
                        OperationId = "riskCasePush",
                        Summary = "A new or changed case, POSTed to each entitled agent's notify URL",
                        Description = "Signed with that agent's secret. Delivered when the answer is HTTP 200 with return_code 10000 or the body SUCCESS; " +
                            "otherwise retried at 15 s, 1 min, 5 min, 30 min, 2 h and 6 h, then marked failed for redelivery through the admin API.",
                        RequestBody = Json(Object(
                            "One flat object: the case's fields, then accessid, timestamp and sign",
                            [.. RowFields.Select(f => f.Name), "accessid", "timestamp", "sign"],
                            [.. RowFields.Select(f => (f.Name, (IOpenApiSchema)Text(f.Description))), .. signed])),
                        Responses = new OpenApiResponses
                        {
                            ["200"] = new OpenApiResponse { Description = "Acknowledged: `SUCCESS`, or `{\"return_code\":10000}`" },
                        },
                    },
                },
            },
        };
    }

    private static OpenApiSchema Success(string description, IOpenApiSchema data) =>
        Object(description, ["return_code", "return_msg", "data"], ("return_code", Integer("10000")), ("return_msg", Text("Empty")), ("data", data));

    private static OpenApiRequestBody Json(IOpenApiSchema schema, params (string Name, string Summary, string Text)[] examples) => new()
    {
        Required = true,
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = Body(schema, examples) },
    };

    private static OpenApiResponses Answers(IOpenApiSchema success, IOpenApiSchema refused, string? example)
    {
        (string, string, string)[] examples = example is null
            ? [("Refused", "A wrong sign", "{\"return_code\":10002,\"return_msg\":\"签名错误或时间戳过期: sign missing or wrong\"}")]
            : [("Success", "The seed's example case", example), ("Refused", "A wrong sign", "{\"return_code\":10002,\"return_msg\":\"签名错误或时间戳过期: sign missing or wrong\"}")];
        return new OpenApiResponses
        {
            ["200"] = Answer(
                "Every answer, errors included; return_code says the outcome",
                new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = Body(new OpenApiSchema { OneOf = [success, refused] }, examples) },
                new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal) { ["X-Request-Id"] = AnswerHeader("The caller's request id, or a new one") }),
        };
    }
}
