using Microsoft.OpenApi;
using PayHub.Hosting;
using PayHub.Protocols.Utility;
using static PayHub.Hosting.ApiSchemas;

namespace PayHub.Utility;

/// <summary>
/// The utility document's hand-declared parts: the endpoints read their bodies themselves (GBK XML, JSON, or either
/// encrypted as base64 text), so the decoded request and answer shapes, the headers and the RespCodes are declared here.
/// </summary>
public sealed class UtilityApiDescription : IApiDescription
{
    public const string Document = "utility";
    public const string Title = "PayHub utility billing";

    public const string Summary =
        "A water company's revenue system answering banks: CustomerCheck (the seed), Query, Pay, PayInvalid and PayCheck, in one envelope " +
        "(`<in>`/`<out>` XML in GBK, or a flat JSON object), authenticated by `X-API-Key`, optionally encrypted (SM4, AES, 3DES; ECB or CBC). " +
        "The schemas describe the decoded payload: on the wire, XML is GBK unless its Content-Type or declaration says GB18030 or UTF-8; an " +
        "encrypted body is `text/plain` holding base64(ciphertext), or base64(IV || ciphertext) for CBC, of that payload (PKCS#7, the " +
        "institution's key), and the answer is encrypted the same way once the request was decrypted. Every answer carries `X-Request-Id` and " +
        "`X-Response-Time`.\n\n" + RespCodes;

    private const string RespCodes =
        "| RespCode | when | HTTP |\n|---|---|---|\n" +
        "| `AAAAAAA` | success | 200 |\n" +
        "| `DEF0001` | body unreadable: not XML/JSON, wrong root, charset not accepted, DTD, nesting over 32, over 64 KiB | 400 |\n" +
        "| `DEF0002` | fields missing or malformed; RespMessage names every one | 400 |\n" +
        "| `DEF0003` | unknown TranCode, or path and body disagree | 400 |\n" +
        "| `DEF0004` | TranSeq already used with other content | 400 |\n" +
        "| `DEF0005` | no customer with that billKey in that company | 400 |\n" +
        "| `DEF0006` | unknown companyId | 400 |\n" +
        "| `DEF0007` | contractNo unknown or not this customer's | 400 |\n" +
        "| `DEF0008` | nothing to pay (Query, Pay) | 400 |\n" +
        "| `DEF0009` | amount differs from what is owed (Pay) | 400 |\n" +
        "| `DEF0010` | original payment not found (PayInvalid) | 400 |\n" +
        "| `DEF0011` | original payment already reversed, or past its day (PayInvalid) | 400 |\n" +
        "| `EGG0001` | X-API-Key missing, unknown, or not this InstId's | 403 |\n" +
        "| `EGG0002` | body cannot be decrypted with the declared EncryptType/EncryptMode | 403 |\n" +
        "| `SYS9998` | over the institution's rate limit | 429 |\n" +
        "| `SYS9999` | internal error | 500 |\n\n" +
        "Checks run in this order, the first failure answering: X-API-Key, rate limit, decryption, parsing, TranCode, InstId, fields, TranSeq, business. " +
        "Any method but POST is answered DEF0001 with HTTP 405.";

    private static OpenApiSchema RequestShape(string[] tranCodes) => AsXml(Object(
        "The request envelope, `<in>` in XML or a flat JSON object (values strings; numbers accepted). Common fields first, then those of the TranCode. An empty element counts as absent; unknown ones are ignored.",
        ["Version", "InstId", "TranCode", "TranDate", "TranSeq"],
        ("Version", Choice("The envelope's version", "1.0.1")),
        ("InstId", Text("The bank's institution id; must be the X-API-Key's")),
        ("TranCode", Choice("The operation; when the path names one, the same", tranCodes)),
        ("TranDate", Text("The bank's business date, yyyyMMdd", "^\\d{8}$")),
        ("TranSeq", Text("The bank's sequence number: InstId + TranDate + TranSeq is the idempotency key (a repeat with the same fields gets the first answer)", "^[A-Za-z0-9]{1,32}$")),
        ("companyId", Text("The utility company (CustomerCheck, Query, Pay)", maxLength: 32)),
        ("queryType", Choice("CustomerCheck: 0 by billKey, 1 by contractNo", "0", "1")),
        ("billKey", Text("The customer's account number at the company (CustomerCheck with queryType 0, Query, Pay)", maxLength: 64)),
        ("contractNo", Text("The customer's contract (CustomerCheck with queryType 1; with 0, when given, it must be this customer's)")),
        ("amount", Text("Pay: fen, a positive whole number of at most 12 digits, equal to Query's totalAmount", "^\\d{1,12}$")),
        ("channel", Text("Pay, optional: the bank's channel for the reconciliation file (default bank)", "^[A-Za-z0-9_-]{1,16}$")),
        ("origTranDate", Text("PayInvalid: the TranDate of the payment to reverse (the request's own TranDate must be the same)", "^\\d{8}$")),
        ("origTranSeq", Text("PayInvalid: the TranSeq of the payment to reverse")),
        ("checkDate", Text("PayCheck, optional: the TranDate to reconcile, yyyyMMdd (default the request's TranDate)", "^\\d{8}$")),
        ("filed1", Text("Reserved, optional")),
        ("filed2", Text("Reserved, optional"))), "in");

    private static OpenApiSchema AnswerShape() => AsXml(Object(
        "The answer envelope, `<out>` in XML (elements in this order) or a flat JSON object of strings, in the request's DataType and encryption. " +
        "Common fields, then the operation's, then filed1 to filed3 (empty).",
        ["Version", "InstId", "TranCode", "TranDate", "TranSeq", "RespCode", "RespMessage"],
        ("Version", Text("1.0.1")),
        ("InstId", Text("The request's")),
        ("TranCode", Text("The request's TranCode + Res, e.g. CustomerCheckRes")),
        ("TranDate", Text("The request's")),
        ("TranSeq", Text("The request's")),
        ("RespCode", Choice("The outcome (table in the document's description)", [.. UtilityRespCode.All])),
        ("RespMessage", Text("What happened, in Chinese; for DEF0002 every field at fault")),
        ("billKey", Text("CustomerCheck, Query, Pay, PayInvalid")),
        ("companyId", Text("CustomerCheck, Query, Pay, PayInvalid")),
        ("contractNo", Text("CustomerCheck")),
        ("customerName", Text("CustomerCheck, Query")),
        ("customerPhone", Text("CustomerCheck")),
        ("customerAddress", Text("CustomerCheck")),
        ("customerStatus", Choice("CustomerCheck: 1 normal, 2 suspended, 0 closed", "1", "2", "0")),
        ("serviceStatus", Choice("CustomerCheck: 1 in service, 0 stopped", "1", "0")),
        ("registerDate", Text("CustomerCheck: yyyyMMdd")),
        ("lastPayDate", Text("CustomerCheck: yyyyMMdd, empty when never paid")),
        ("totalPayCount", Text("CustomerCheck: payments so far, reversed ones excluded")),
        ("totalPayAmount", Text("CustomerCheck: their total in fen")),
        ("billCount", Text("Query, Pay: outstanding bills (paid bills for Pay)")),
        ("totalAmount", Text("Query: what is owed in fen, late fees included")),
        ("bills", Text("Query: billNo|month|amount|lateFee per bill, `;` between bills, oldest first")),
        ("amount", Text("Pay, PayInvalid: fen")),
        ("receiptNo", Text("Pay: R + TranDate + the payment's number")),
        ("payDate", Text("Pay: the TranDate")),
        ("origTranDate", Text("PayInvalid")),
        ("origTranSeq", Text("PayInvalid")),
        ("checkDate", Text("PayCheck")),
        ("fileCount", Text("PayCheck: lines after the first")),
        ("fileTotal", Text("PayCheck: payments minus reversals, fen")),
        ("fileContent", Text("PayCheck: base64 of the UTF-8 file: `count|total`, then `TranDate|TranSeq|billKey|amount|channel|type` per line (type pay or reversal)")),
        ("filed1", Text("Empty")),
        ("filed2", Text("Empty")),
        ("filed3", Text("Empty"))), "out");

    private const string CustomerCheckXmlAnswer =
        "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<out>\n<Version>1.0.1</Version>\n<InstId>00001</InstId>\n<TranCode>CustomerCheckRes</TranCode>\n" +
        "<TranDate>20240101</TranDate>\n<TranSeq>123456789012</TranSeq>\n<RespCode>AAAAAAA</RespCode>\n<RespMessage>查询成功</RespMessage>\n" +
        "<billKey>123456</billKey>\n<companyId>654321</companyId>\n<contractNo>CONTRACT001</contractNo>\n<customerName>张三</customerName>\n" +
        "<customerPhone>13812345678</customerPhone>\n<customerAddress>北京市朝阳区xxx街道xxx号</customerAddress>\n<customerStatus>1</customerStatus>\n" +
        "<serviceStatus>1</serviceStatus>\n<registerDate>20200101</registerDate>\n<lastPayDate>20231215</lastPayDate>\n<totalPayCount>36</totalPayCount>\n" +
        "<totalPayAmount>540000</totalPayAmount>\n<filed1></filed1>\n<filed2></filed2>\n<filed3></filed3>\n</out>";

    private const string CustomerCheckJsonAnswer =
        "{\"Version\":\"1.0.1\",\"InstId\":\"00001\",\"TranCode\":\"CustomerCheckRes\",\"TranDate\":\"20240101\",\"TranSeq\":\"JSON0001\",\"RespCode\":\"AAAAAAA\"," +
        "\"RespMessage\":\"查询成功\",\"billKey\":\"123456\",\"companyId\":\"654321\",\"contractNo\":\"CONTRACT001\",\"customerName\":\"张三\"," +
        "\"customerPhone\":\"13812345678\",\"customerAddress\":\"北京市朝阳区xxx街道xxx号\",\"customerStatus\":\"1\",\"serviceStatus\":\"1\"," +
        "\"registerDate\":\"20200101\",\"lastPayDate\":\"20231215\",\"totalPayCount\":\"36\",\"totalPayAmount\":\"540000\",\"filed1\":\"\",\"filed2\":\"\",\"filed3\":\"\"}";

    private const string RefusalXmlAnswer =
        "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<out>\n<Version>1.0.1</Version>\n<InstId>00001</InstId>\n<TranCode>CustomerCheckRes</TranCode>\n" +
        "<TranDate>20240101</TranDate>\n<TranSeq>123456789012</TranSeq>\n<RespCode>DEF0002</RespCode>\n<RespMessage>…</RespMessage>\n<filed1></filed1>\n<filed2></filed2>\n<filed3></filed3>\n</out>";

    public void Complete(OpenApiDocument document, IServiceProvider services)
    {
        string[] tranCodes = [.. services.GetServices<IUtilityOperation>().Select(o => o.TranCode)];
        var request = Shared(document, "UtilityRequest", RequestShape(tranCodes));
        var answer = Shared(document, "UtilityAnswer", AnswerShape());
        Operation(document, "UtilityByPathTranCode").Add(new OpenApiParameter
            {
                Name = "tranCode",
                In = ParameterLocation.Path,
                Required = true,
                Description = "The operation; the body's TranCode must be the same (DEF0003)",
                Schema = Choice("The operation", tranCodes),
            });
        Describe(Operation(document, "UtilityByBodyTranCode"), request, answer);
        Describe(Operation(document, "UtilityByPathTranCode"), request, answer);
    }

    private static void Describe(OpenApiOperation operation, IOpenApiSchema request, IOpenApiSchema answer)
    {

        operation.Description = "Send the envelope below with the institution's API key. The answer's RespCode says the outcome; the HTTP status follows it (see the document's table).";
        operation.Add(Header("X-API-Key", "The institution's API key, bound to its InstId (demo: `demo-utility-key`)", required: true));
        operation.Add(Header("EncryptType", "Body encryption, with the institution's key", schema: Choice("Default NONE", "NONE", "SM4", "AES", "3DES")));
        operation.Add(Header("EncryptMode", "Block mode of an encrypted body; CBC bodies start with a fresh IV", schema: Choice("Default ECB", "ECB", "CBC")));
        operation.Add(Header("DataType", "The format of the (decrypted) payload; default from Content-Type", schema: Choice("XML or JSON", "XML", "JSON")));
        operation.Add(Header("X-Request-Id", "Your id for this request (at most 64 safe characters), echoed in the answer; else a new one"));
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The envelope, decoded. XML in GBK unless the charset says GB18030 or UTF-8; JSON in UTF-8; encrypted, `text/plain` base64 of the same payload's bytes.",
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/xml"] = Body(request, ("CustomerCheck", "The seed's request, on the demo data (examples/utility/customer-check.xml)", Example("utility/customer-check.xml"))),
                ["application/json"] = Body(
                    request,
                    ("CustomerCheck", "By contract number (examples/utility/customer-check.json)", Example("utility/customer-check.json")),
                    ("Query", "Outstanding bills (examples/utility/query.json)", Example("utility/query.json")),
                    ("Pay", "Pay them (examples/utility/pay.json)", Example("utility/pay.json")),
                    ("PayInvalid", "Reverse that payment (examples/utility/pay-invalid.json)", Example("utility/pay-invalid.json")),
                    ("PayCheck", "The day's reconciliation file (examples/utility/pay-check.json)", Example("utility/pay-check.json"))),
                ["text/plain"] = Body(Text("base64 of the encrypted payload (ECB), or of IV || ciphertext (CBC)")),
            },
        };
        var headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
        {
            ["X-Request-Id"] = AnswerHeader("The caller's request id, or a new one"),
            ["X-Response-Time"] = AnswerHeader("Server time spent, whole milliseconds"),
        };
        operation.Responses = new OpenApiResponses
        {
            ["200"] = Answer("AAAAAAA: success", Answers(answer, ("CustomerCheck", "The seed's answer", CustomerCheckXmlAnswer), ("CustomerCheck", "By contract number, as JSON", CustomerCheckJsonAnswer)), headers),
            ["400"] = Answer("DEF0001 to DEF0011: the request or its business refused; RespMessage says why", Answers(answer, ("Refused", "A field missing or malformed", RefusalXmlAnswer), null), headers),
            ["403"] = Answer("EGG0001 (API key) or EGG0002 (decryption)", Answers(answer, null, null), headers),
            ["429"] = Answer("SYS9998: over the institution's rate limit; retry later", Answers(answer, null, null), headers),
            ["500"] = Answer("SYS9999: internal error (details only in the server log)", Answers(answer, null, null), headers),
        };
    }

    private static Dictionary<string, OpenApiMediaType> Answers(IOpenApiSchema answer, (string Name, string Summary, string Text)? xml, (string Name, string Summary, string Text)? json) =>
        new(StringComparer.Ordinal)
        {
            ["application/xml"] = xml is { } x ? Body(answer, x) : Body(answer),
            ["application/json"] = json is { } j ? Body(answer, j) : Body(answer),
            ["text/plain"] = Body(Text("The answer encrypted like the request, base64")),
        };
}
