using Microsoft.OpenApi;
using PayHub.Hosting;
using PayHub.Protocols.Agreements;
using static PayHub.Hosting.ApiSchemas;

namespace PayHub.Agreements;

/// <summary>
/// The DSP document's hand-declared parts: <c>POST /dsp</c> reads its ATSYH XML itself, so the envelope, the signature
/// headers and the unified codes are declared here.
/// </summary>
public sealed class DspApiDescription : IApiDescription
{
    public const string Document = "dsp";
    public const string Title = "PayHub agreement gateway (DSP)";

    public const string Summary =
        "Front-end systems sign (`Contract`) and unsign (`DeContract`) withholding agreements in two steps (01 apply: the channel sends the " +
        "payer an SMS code; 02 confirm with `SmsCode`) and query them (`QryContract`). The gateway routes each request to the payment channel " +
        "named by `BankCode`, maps the channel's own code (`OriginalCode`) to a unified code, and keeps the agreement's state. The body is " +
        "ATSYH XML, UTF-8 unless its declaration names GBK or GB18030 (the answer then comes in that charset); the schemas describe its " +
        "elements. Every answer, refusals included, is HTTP 200 with the ATSYH answer envelope.\n\n" +
        "Authentication: `X-DSP-Client` (the registered front-end) and `X-DSP-Signature`, the lower-case hex HMAC-SHA256 of the exact body " +
        "bytes under the front-end's secret: `openssl dgst -sha256 -hmac demo-dsp-secret -r < examples/dsp/query.xml` on the demo.\n\n" +
        UnifiedCodes;

    private const string UnifiedCodes =
        "| UnifiedCode | meaning | RespCode, state |\n|---|---|---|\n" +
        "| `EC000` | success | 0, success |\n" +
        "| `EC100` | verification code sent (step 01 accepted) | 0, processing |\n" +
        "| `EC801` | already in the requested state | 0, fail |\n" +
        "| `EC802` | agreement not found | 0, fail (ContractState none) |\n" +
        "| `EC803` | verification code wrong | 0, fail |\n" +
        "| `EC804` | no step 01 within 5 minutes, or code expired | 0, fail |\n" +
        "| `EC805` | too many wrong codes; apply again | 0, fail |\n" +
        "| `EC806` | payer account or card refused by the channel | 0, fail |\n" +
        "| `EC807` | payer identity mismatch | 0, fail |\n" +
        "| `EC901` | request malformed; RespInfo names every field | -1 |\n" +
        "| `EC902` | channel result unknown (timeout); query later | 0, unknown |\n" +
        "| `EC903` | BankCode unknown, or CommandCode not supported by that channel | -1 |\n" +
        "| `EC904` | channel unavailable; safe to retry | -1 |\n" +
        "| `EC905` | ReqSeqID repeated with different content | -1 |\n" +
        "| `EC906` | caller not authenticated | -1 |\n" +
        "| `EC907` | over the caller's rate limit | -1 |\n" +
        "| `EC999` | a channel code with no mapping | 0, fail |\n\n" +
        "Checks run in this order: signature (EC906), rate limit (EC907), parsing and fields (EC901), BankCode and CommandCode (EC903), " +
        "ReqSeqID (EC905: the same content again gets the first answer), then the agreement and the channel.";

    private static OpenApiSchema RequestShape() => AsXml(
        Object(
            "The request envelope: `<ATSYH version=\"5.1.0.0\"><TransReq>…</TransReq></ATSYH>`",
            ["TransReq"],
            ("version", new OpenApiSchema { Type = JsonSchemaType.String, Description = "5.1.0.0", Xml = new OpenApiXml { Attribute = true } }),
            ("TransReq", AsXml(
                Object(
                    "The request",
                    ["BankCode", "TransType", "CommandCode"],
                    ("BankCode", Text("The channel (demo: ALIPAY01, GZELINK01, CMBC02)", maxLength: 64)),
                    ("TransType", Choice("What to do", "Contract", "DeContract", "QryContract")),
                    ("CommandCode", Text("The channel's command (demo: 9108Auth)", maxLength: 64)),
                    ("TransSeqID", Text("The front-end's message id (a retry may carry a new one)", maxLength: 64)),
                    ("TransTime", Text("yyyy-MM-dd HH:mm:ss", "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$")),
                    ("TransParam", AsXml(Object("The record", ["DetailRecord"], ("DetailRecord", AsXml(DetailRecord(), "DetailRecord"))), "TransParam"))),
                "TransReq"))),
        "ATSYH");

    private static OpenApiSchema DetailRecord() => Object(
        "One agreement request. Contract and DeContract need PayAct PayName PayBankCode RecAct RecName RecBankCode PayAmount ReqSeqID CellPhone Step " +
        "(and SmsCode at step 02); QryContract needs ReqSeqID and AuthCode, or PayAct and RecAct (with PolicyNo when the agreement has one). " +
        "An empty element counts as absent; fields not named here are passed to the channel. Other fields at most 64 characters.",
        ["ReqSeqID"],
        ("ReqSeqID", Text("The front-end's request number: the idempotency key", maxLength: 64)),
        ("PayAct", Text("Payer's account or card")),
        ("PayName", Text("Payer's name", maxLength: 100)),
        ("PayBankCode", Text("Payer's bank")),
        ("RecAct", Text("Payee's account")),
        ("RecName", Text("Payee's name", maxLength: 100)),
        ("RecBankCode", Text("Payee's bank")),
        ("PayAmount", Text("Yuan with two decimals", "^\\d{1,13}\\.\\d{2}$")),
        ("SingleLimit", Text("Limit per debit, yuan with two decimals", "^\\d{1,13}\\.\\d{2}$")),
        ("DeadLine", Text("Agreement end, yyyyMMdd", "^\\d{8}$")),
        ("CellPhone", Text("Where the channel sends the code", "^1\\d{10}$")),
        ("CardType", Choice("2 debit, 3 credit", "2", "3")),
        ("IsPrivate", Choice("0 or 1", "0", "1")),
        ("CertType", Text("Payer's certificate type")),
        ("CertNum", Text("Payer's certificate number")),
        ("PolicyNo", Text("The policy the agreement is for; part of the agreement's key when AuthCode is not given")),
        ("AuthCode", Text("The agreement number the channel issued")),
        ("InsureName", Text("Insured's name", maxLength: 100)),
        ("InsureID", Text("Insured's id")),
        ("Memo", Text("Free text", maxLength: 100)),
        ("Step", Choice("01 apply, 02 confirm (Contract, DeContract)", "01", "02")),
        ("SmsCode", Text("The code the payer received (step 02)")));

    private static OpenApiSchema AnswerShape() => AsXml(
        Object(
            "The answer envelope: `<ATSYH><TransResp>…</TransResp></ATSYH>`",
            ["TransResp"],
            ("TransResp", AsXml(
                Object(
                    "The answer, echoing the request's header (empty when the body could not be read)",
                    ["BankCode", "TransType", "TransSeqID", "TransParam"],
                    ("BankCode", Text("The request's")),
                    ("TransType", Text("The request's")),
                    ("TransSeqID", Text("The request's")),
                    ("TransParam", AsXml(
                        Object("The record", ["DetailRecord"], ("DetailRecord", AsXml(
                            Object(
                                "The outcome, elements in this order",
                                ["RespCode", "RespInfo", "ReqSeqID", "UnifiedCode", "OriginalCode"],
                                ("RespCode", Choice("0 the gateway processed the request, -1 it did not", "0", "-1")),
                                ("RespInfo", Text("What happened; for EC901 every field at fault")),
                                ("ReqSeqID", Text("The request's")),
                                ("UnifiedCode", Choice("The unified code (table in the document's description)", [.. UnifiedCode.All])),
                                ("SignState", Choice("Contract", "success", "fail", "processing", "unknown")),
                                ("DeSignState", Choice("DeContract", "success", "fail", "processing", "unknown")),
                                ("ContractState", Choice("QryContract", "pending", "signed", "unsign_pending", "unsigned", "unknown", "none")),
                                ("AuthCode", Text("Contract step 02 success, and queries: the agreement number")),
                                ("DeadLine", Text("Queries")),
                                ("SingleLimit", Text("Queries")),
                                ("OriginalCode", Text("The channel's own code; empty when the channel was not asked"))),
                            "DetailRecord"))),
                        "TransParam"))),
                "TransResp"))),
        "ATSYH");

    private const string SeedAnswer =
        "<ATSYH>\n<TransResp>\n<BankCode>CMBC02</BankCode>\n<TransType>DeContract</TransType>\n<TransSeqID>20210428120143860604711</TransSeqID>\n" +
        "<TransParam>\n<DetailRecord>\n<RespCode>0</RespCode>\n<RespInfo>重复签约</RespInfo>\n<ReqSeqID>ATS2021042812014386060471</ReqSeqID>\n" +
        "<UnifiedCode>EC801</UnifiedCode>\n<DeSignState>fail</DeSignState>\n<OriginalCode></OriginalCode>\n</DetailRecord>\n</TransParam>\n</TransResp>\n</ATSYH>";

    private const string StepOneAnswer =
        "<ATSYH>\n<TransResp>\n<BankCode>ALIPAY01</BankCode>\n<TransType>Contract</TransType>\n<TransSeqID>20240101000001</TransSeqID>\n" +
        "<TransParam>\n<DetailRecord>\n<RespCode>0</RespCode>\n<RespInfo>验证码已发送</RespInfo>\n<ReqSeqID>DOC0001</ReqSeqID>\n" +
        "<UnifiedCode>EC100</UnifiedCode>\n<SignState>processing</SignState>\n<OriginalCode>T</OriginalCode>\n</DetailRecord>\n</TransParam>\n</TransResp>\n</ATSYH>";

    public void Complete(OpenApiDocument document, IServiceProvider services)
    {
        var operation = Operation(document, "Dsp");
        operation.Description = "Contract and DeContract take two calls each (Step 01, then 02 with the SMS code, within 5 minutes); QryContract one.";
        operation.Add(Header("X-DSP-Client", "The registered front-end (demo: `demo-frontend`)", required: true));
        operation.Add(Header("X-DSP-Signature", "Lower-case hex HMAC-SHA256 of the raw body bytes under the front-end's secret", required: true, schema: Text("64 hex digits", "^[0-9a-f]{64}$")));
        operation.Add(Header("X-Request-Id", "Your id for this request (at most 64 safe characters), echoed in the answer; else a new one"));
        var request = Shared(document, "AtsyhRequest", RequestShape());
        var answer = Shared(document, "AtsyhAnswer", AnswerShape());
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "ATSYH XML; the examples are the files of examples/dsp, run on the demo data by docs/dsp.md",
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/xml"] = Body(
                    request,
                    ("ContractStep01", "Sign, step 01 (X-DSP-Signature: befce7bdfc8f358c38ba58e3068666663c3464c03a70a31da43907997b51e38c)", Example("dsp/contract-01.xml")),
                    ("ContractStep02", "Sign, step 02 with the demo's SMS code", Example("dsp/contract-02.xml")),
                    ("DeContractStep01", "Unsign, step 01", Example("dsp/decontract-01.xml")),
                    ("DeContractStep02", "Unsign, step 02", Example("dsp/decontract-02.xml")),
                    ("QryContract", "Query by accounts (X-DSP-Signature: 9f4ddb70df7bed57c1d89bee4bc49e0b514fa7d5cc9e2553e85728a2c22819c4)", Example("dsp/query.xml")),
                    ("SeedDeContract", "The seed's unsign of the demo's unsigned agreement (X-DSP-Signature: 2ee0e8442624e9293e0deabe54bb9fcef219581bf1bd54a232d1661b398d51d1)", Example("dsp/decontract-seed.xml"))),
            },
        };
        operation.Responses = new OpenApiResponses
        {
            ["200"] = Answer(
                "Every answer, refusals included; UnifiedCode says the outcome",
                new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/xml"] = Body(
                        answer,
                        ("ContractStep01", "Step 01 accepted: the code is sent (T is the sandbox channel's own code)", StepOneAnswer),
                        ("SeedDeContract", "The seed's answer: already unsigned, answered from the gateway's record", SeedAnswer)),
                },
                new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal) { ["X-Request-Id"] = AnswerHeader("The caller's request id, or a new one") }),
        };
    }
}
