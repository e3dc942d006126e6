using System.Text;
using PayHub.Cli.Calls;
using PayHub.Protocols.Crypto;
using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;
using static PayHub.Cli.Conformance.CaseContext;

namespace PayHub.Cli.Conformance;

/// <summary>The contract of family A (SPEC.md "A. Utility billing"), case by case, on the customer the profile names.</summary>
public static class UtilityConformance
{
    private static readonly string[] Echo = ["Version", "InstId", "TranCode", "TranDate", "TranSeq", "RespCode", "RespMessage"];
    private static readonly string[] Filed = ["filed1", "filed2", "filed3"];
    private static readonly string[] CustomerFields =
    [
        "billKey", "companyId", "contractNo", "customerName", "customerPhone", "customerAddress", "customerStatus", "serviceStatus", "registerDate",
        "lastPayDate", "totalPayCount", "totalPayAmount",
    ];

    public static IEnumerable<ConformanceCase> Cases(UtilityProfile profile, Uri address)
    {
        _ = address;
        var p = new UtilityCases(profile);
        yield return new("A01", "CustomerCheck in GBK XML answers the customer in the seed's element order",
            "The response's elements come in the seed example's order: Version InstId TranCode (the request's + Res) TranDate TranSeq RespCode RespMessage, the operation's fields, then filed1 filed2 filed3 (empty).",
            p.SeedOrder);
        yield return new("A02", "CustomerCheck in JSON answers a flat object of strings",
            "JSON is a flat object with the same field names, every value a string in responses.", p.Json);
        yield return new("A03", "the GBK XML answer carries the same text as the UTF-8 JSON answer",
            "Request <?xml version=\"1.0\" encoding=\"GBK\"?><in>…</in>, response <out>…</out> in the same encoding.", p.SameTextInBothCharsets);
        yield return new("A04", "a UTF-8 XML request is answered in UTF-8",
            "Content-Type application/xml (charset from the header, else from the XML declaration, else GBK; GBK, GB18030 and UTF-8 accepted); response in the same encoding.", p.Utf8Request);
        yield return new("A05", "CustomerCheck by contractNo (queryType 1) finds the same customer",
            "queryType (0 by billKey, 1 by contractNo); contractNo required when queryType is 1.", p.ByContract);
        foreach (var type in new[] { "SM4", "AES", "3DES" })
        {
            foreach (var mode in new[] { "ECB", "CBC" })
            {
                yield return new($"A06-{type}-{mode}", $"an {type}/{mode} body is answered encrypted the same way",
                    "Encrypted body: base64(ciphertext) for ECB, base64(IV || ciphertext) for CBC, PKCS#7 padding; the response is in the request's DataType and encryption.",
                    context => p.Encrypted(context, type, mode));
            }
        }

        yield return new("A07", "a wrong X-API-Key is EGG0001 with HTTP 403", "EGG0001: X-API-Key missing, unknown, or not this InstId's (HTTP 403).",
            context => p.Refused(context, UtilityRespCode.Unauthorized, p.Check(), apiKey: "conform-wrong-key-" + Guid.NewGuid().ToString("N")));
        yield return new("A08", "a request without X-API-Key is EGG0001", "EGG0001: X-API-Key missing, unknown, or not this InstId's (HTTP 403).",
            context => p.Refused(context, UtilityRespCode.Unauthorized, p.Check(), apiKey: null));
        yield return new("A09", "the key of one InstId with another InstId in the body is EGG0001", "X-API-Key: the institution's API key; bound to one InstId.",
            context => p.Refused(context, UtilityRespCode.Unauthorized, p.Check().Set("InstId", OtherInstId(profile.InstId))));
        yield return new("A10", "a body that cannot be decrypted is EGG0002, answered in plain XML",
            "EGG0002: body cannot be decrypted with the declared EncryptType/EncryptMode (HTTP 403); an answer given before the body was decrypted is in plain XML.",
            p.Undecryptable);
        yield return new("A11", "an EncryptType outside the table is EGG0002", "EncryptType: NONE, SM4, AES, 3DES.",
            context => p.Raw(context, UtilityRespCode.Undecryptable, "/utility/CustomerCheck", Encoding.ASCII.GetBytes("AAAA"), "text/plain", [new("EncryptType", "RC4"), new("DataType", "XML")]));
        yield return new("A12", "a body that is not XML is DEF0001", "DEF0001: message cannot be read: not XML/JSON, wrong root, wrong encoding, DTD, too large.",
            context => p.Raw(context, UtilityRespCode.Unreadable, "/utility/CustomerCheck", "this is not XML"u8.ToArray(), "application/xml"));
        yield return new("A13", "XML with a DTD is DEF0001", "Bodies … XML with a DTD, an entity declaration, or nesting deeper than 32 are refused with the family's own format error.",
            context => p.Raw(context, UtilityRespCode.Unreadable, "/utility/CustomerCheck", p.WithDtd(), "application/xml"));
        yield return new("A14", "XML nested deeper than 32 is DEF0001", "Bodies … nesting deeper than 32 are refused with the family's own format error.",
            context => p.Raw(context, UtilityRespCode.Unreadable, "/utility/CustomerCheck", p.Nested(40), "application/xml"));
        yield return new("A15", "a body over 64 KiB is DEF0001", "Bodies over 64 KiB are refused with the family's own format error.",
            context => p.Raw(context, UtilityRespCode.Unreadable, "/utility/CustomerCheck", p.Xml(p.Check().Set("filed1", new string('x', 66 * 1024))), "application/xml"));
        yield return new("A16", "a charset other than GBK, GB18030 and UTF-8 is DEF0001, answered in GBK",
            "Any other charset is DEF0001 answered in GBK.", p.ForeignCharset);
        yield return new("A17", "bytes not valid in the declared charset are DEF0001", "A body whose bytes are not valid in its declared charset is DEF0001.",
            context => p.Raw(context, UtilityRespCode.Unreadable, "/utility/CustomerCheck", p.InvalidGbk(), "application/xml"));
        yield return new("A18", "missing fields are DEF0002 naming each", "DEF0002: a field is missing or malformed; RespMessage names every such field.", p.MissingFields);
        yield return new("A19", "a malformed TranDate is DEF0002 naming it", "Required common request fields: … TranDate (yyyyMMdd).",
            context => p.Refused(context, UtilityRespCode.BadField, p.Check().Set("TranDate", "2024-01-01"), mentions: "TranDate"));
        yield return new("A20", "element names are case-sensitive", "Elements are case-sensitive. Unknown elements are ignored.", p.CaseSensitive);
        yield return new("A21", "an unknown TranCode is DEF0003", "DEF0003: unknown TranCode, or path and body disagree.",
            context => p.Refused(context, UtilityRespCode.UnknownTranCode, p.Check().Set("TranCode", "Teleport"), path: "/utility/Teleport"));
        yield return new("A22", "a path and a body that disagree are DEF0003", "TranCode in the path and body must agree.",
            context => p.Refused(context, UtilityRespCode.UnknownTranCode, p.Check(), path: "/utility/Query"));
        yield return new("A23", "POST /utility with the TranCode only in the body works", "POST /utility with the TranCode only in the body works too.", p.BareEndpoint);
        yield return new("A24", "a repeat of a TranSeq with the same content answers the first answer again",
            "A repeat with the same content returns the first response again.", p.Repeat);
        yield return new("A25", "the same TranSeq with other content is DEF0004", "The same number with different content is refused (A DEF0004).", p.AlteredRepeat);
        yield return new("A26", "a CBC retry (new IV, same content) is a repeat, not DEF0004",
            "\"Same content\" means the same business fields after decryption and parsing … a CBC retry has a new IV.", p.CbcRetry);
        yield return new("A27", "an unknown billKey is DEF0005", "DEF0005: no customer with that billKey in that company.",
            context => p.Refused(context, UtilityRespCode.NoSuchCustomer, p.Check().Set("billKey", "CONFORM" + Random.Shared.Next(100000, 999999))));
        yield return new("A28", "an unknown companyId is DEF0006", "DEF0006: unknown companyId.",
            context => p.Refused(context, UtilityRespCode.NoSuchCompany, p.Check().Set("companyId", "CONFORM-NO-COMPANY")));
        yield return new("A29", "a contractNo that is not the customer's is DEF0007", "contractNo … when given with 0 it must be this customer's, else DEF0007.",
            context => p.Refused(context, UtilityRespCode.BadContract, p.Check().Set("contractNo", "CONFORM-NOT-THEIRS")));
        yield return new("A30", "order of checks: the key before the body (wrong key and not XML: EGG0001)",
            "Order of checks: X-API-Key → rate limit → decryption → parsing → TranCode → InstId matches the key → fields → TranSeq idempotency → business.",
            context => p.Raw(context, UtilityRespCode.Unauthorized, "/utility/CustomerCheck", "not XML"u8.ToArray(), "application/xml", apiKey: "conform-wrong-key"));
        yield return new("A31", "order of checks: TranCode before fields (unknown TranCode and no fields: DEF0003)",
            "Order of checks: … parsing → TranCode → InstId matches the key → fields …",
            context => p.Refused(context, UtilityRespCode.UnknownTranCode, p.Common("Teleport"), path: "/utility/Teleport"));
        yield return new("A32", "order of checks: fields before business (missing queryType, unknown company: DEF0002)",
            "Order of checks: … fields → TranSeq idempotency → business (company, customer, contract).",
            context => p.Refused(context, UtilityRespCode.BadField, p.Common("CustomerCheck").Set("companyId", "CONFORM-NO-COMPANY").Set("billKey", "1")));
        yield return new("A33", "once decrypted, a refusal is encrypted like the request", "Once the body was decrypted, every answer is encrypted like the request.", p.EncryptedRefusal);
        yield return new("A34", "X-Request-Id is echoed and X-Response-Time given",
            "Every response carries X-Request-Id (the caller's, if it sent one of at most 64 safe characters); response headers: Content-Type, X-Request-Id, X-Response-Time.", p.RequestId);
    }

    private static string OtherInstId(string instId) => instId == "99999" ? "99998" : "99999";

    /// <summary>The cases' shared steps, on the profile's institution and customer.</summary>
    private sealed class UtilityCases(UtilityProfile profile)
    {
        public UtilityMessage Common(string tranCode, string? tranSeq = null) =>
            UtilityEnvelope.Request(profile.InstId, tranCode, "20261201", tranSeq ?? Guid.NewGuid().ToString("N"));

        /// <summary>CustomerCheck of the profile's customer by billKey (queryType 0).</summary>
        public UtilityMessage Check(string? tranSeq = null) =>
            Common("CustomerCheck", tranSeq).Set("companyId", Need(profile.CompanyId, "utility.companyId")).Set("queryType", "0").Set("billKey", Need(profile.BillKey, "utility.billKey"));

        public byte[] Xml(UtilityMessage message, string charset = "GBK")
        {
            XmlCharsets.TryGet(charset, out var encoding, out var declared);
            return UtilityXmlCodec.Write(message, encoding, declared);
        }

        public async Task<(RawAnswer Raw, UtilityMessage Message)> SendXmlAsync(
            CaseContext context, UtilityMessage message, string? path = null, string charset = "GBK", string? apiKey = "")
        {
            var raw = await PostAsync(context, path ?? "/utility/" + message.Get("TranCode"), Xml(message, charset), $"application/xml; charset={charset}", [], apiKey, charset);
            return (raw, Read(raw, json: false));
        }

        public Task<RawAnswer> PostAsync(CaseContext context, string path, byte[] body, string contentType, List<KeyValuePair<string, string>> headers, string? apiKey = "", string charset = "GBK")
        {
            if (apiKey is not null)
            {
                headers.Add(new("X-API-Key", apiKey.Length == 0 ? profile.ApiKey : apiKey));
            }

            XmlCharsets.TryGet(charset, out var shownAs, out _);
            return context.Wire.SendAsync(path, body, contentType, headers, shownAs: contentType.StartsWith("application/xml", StringComparison.Ordinal) ? shownAs : Encoding.UTF8);
        }

        /// <summary>The answer's message; the case fails when the answer is not a readable utility answer (also when it is not valid in its declared charset).</summary>
        public static UtilityMessage Read(RawAnswer raw, bool json)
        {
            var read = json || raw.MediaType == "application/json"
                ? UtilityJsonCodec.Read(raw.Body, UtilityMessage.ResponseRoot)
                : UtilityXmlCodec.Read(raw.Body, raw.Header("content-type") is { } type && type.Contains("charset=", StringComparison.OrdinalIgnoreCase) ? type[(type.IndexOf("charset=", StringComparison.OrdinalIgnoreCase) + 8)..].Trim() : null, UtilityMessage.ResponseRoot);
            return read.Message is { } message && message.Get("RespCode") is not null
                ? message
                : throw new CaseFailed($"the answer (HTTP {raw.Status}, {raw.MediaType ?? "no Content-Type"}) is not a readable <out> message: {read.Problem ?? "no RespCode"}");
        }

        public static void ExpectCode(RawAnswer raw, UtilityMessage message, string code)
        {
            ExpectEqual(code, message.Get("RespCode"), "RespCode");
            ExpectEqual(UtilityRespCode.HttpStatus(code).ToString(System.Globalization.CultureInfo.InvariantCulture), raw.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), $"HTTP status of {code}");
        }

        public async Task Refused(CaseContext context, string code, UtilityMessage request, string? apiKey = "", string? path = null, string? mentions = null)
        {
            var (raw, answer) = await SendXmlAsync(context, request, path, apiKey: apiKey);
            ExpectCode(raw, answer, code);
            if (mentions is not null)
            {
                Expect(answer.Get("RespMessage")?.Contains(mentions, StringComparison.Ordinal) == true, $"RespMessage should name {mentions}: '{answer.Get("RespMessage")}'");
            }
        }

        public async Task Raw(CaseContext context, string code, string path, byte[] body, string contentType, List<KeyValuePair<string, string>>? headers = null, string? apiKey = "")
        {
            var raw = await PostAsync(context, path, body, contentType, headers ?? [], apiKey);
            ExpectCode(raw, Read(raw, json: false), code);
        }

        public async Task SeedOrder(CaseContext context)
        {
            var request = Check();
            var (raw, answer) = await SendXmlAsync(context, request);
            ExpectCode(raw, answer, UtilityRespCode.Success);
            ExpectEqual("application/xml", raw.MediaType, "Content-Type");
            ExpectEqual("GBK", SafeXml.DeclaredCharset(raw.Body)?.ToUpperInvariant(), "the answer's declared charset");
            var names = answer.Fields.Select(f => f.Key).ToList();
            ExpectEqual(string.Join(" ", [.. Echo, .. CustomerFields, .. Filed]), string.Join(" ", names), "the answer's elements in order");
            ExpectEqual("CustomerCheckRes", answer.Get("TranCode"), "TranCode");
            foreach (var echoed in (string[])["InstId", "TranDate", "TranSeq"])
            {
                ExpectEqual(request.Get(echoed), answer.Get(echoed), echoed + " echoed");
            }

            Expect(Filed.All(f => answer.Get(f) is null), "filed1 filed2 filed3 must be empty");
        }

        public async Task Json(CaseContext context)
        {
            var raw = await PostAsync(context, "/utility/CustomerCheck", UtilityJsonCodec.Write(Check()), "application/json", []);
            var answer = Read(raw, json: true);
            ExpectCode(raw, answer, UtilityRespCode.Success);
            ExpectEqual("application/json", raw.MediaType, "Content-Type");
            using var document = System.Text.Json.JsonDocument.Parse(raw.Body);
            var notStrings = document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind != System.Text.Json.JsonValueKind.String).Select(p => p.Name).ToList();
            Expect(notStrings.Count == 0, "every value must be a string; not: " + string.Join(", ", notStrings));
            ExpectEqual(string.Join(" ", [.. Echo, .. CustomerFields, .. Filed]), string.Join(" ", answer.Fields.Select(f => f.Key)), "the answer's fields in order");
        }

        public async Task SameTextInBothCharsets(CaseContext context)
        {
            var (_, xml) = await SendXmlAsync(context, Check());
            var raw = await PostAsync(context, "/utility/CustomerCheck", UtilityJsonCodec.Write(Check()), "application/json", []);
            var json = Read(raw, json: true);
            foreach (var field in CustomerFields)
            {
                ExpectEqual(json.Get(field), xml.Get(field), $"{field} read from the GBK answer against the JSON answer");
            }
        }

        public async Task Utf8Request(CaseContext context)
        {
            var (raw, answer) = await SendXmlAsync(context, Check(), charset: "UTF-8");
            ExpectCode(raw, answer, UtilityRespCode.Success);
            ExpectEqual("UTF-8", SafeXml.DeclaredCharset(raw.Body)?.ToUpperInvariant(), "the answer's declared charset");
        }

        public async Task ByContract(CaseContext context)
        {
            var request = Common("CustomerCheck").Set("companyId", Need(profile.CompanyId, "utility.companyId")).Set("queryType", "1")
                .Set("contractNo", Need(profile.ContractNo, "utility.contractNo"));
            var (raw, answer) = await SendXmlAsync(context, request);
            ExpectCode(raw, answer, UtilityRespCode.Success);
            ExpectEqual(profile.BillKey, answer.Get("billKey"), "billKey of the contract's customer");
        }

        private byte[] Key(string type) =>
            profile.Keys.TryGetValue(type, out var hex) && hex.Length > 0 ? Convert.FromHexString(hex) : throw new CaseNotRun($"the profile names no utility.keys.{type}");

        public async Task<(RawAnswer Raw, UtilityMessage? Message)> SendEncryptedAsync(CaseContext context, UtilityMessage message, string type, string mode)
        {
            var key = Key(type);
            UtilityEncryption.TryParse(type, mode, out var encryption);
            var body = Encoding.ASCII.GetBytes(encryption.Seal(key, Xml(message)));
            var raw = await PostAsync(context, "/utility/" + message.Get("TranCode"), body, "text/plain",
                [new("EncryptType", type), new("EncryptMode", mode), new("DataType", "XML")]);
            if (raw.MediaType != "text/plain")
            {
                return (raw, null);
            }

            try
            {
                var plain = encryption.Open(key, raw.Body);
                context.Exchanges.Add(new("(the answer, decrypted by conform)", XmlCharsets.Gbk.GetString(plain)));
                return (raw, Read(raw with { Body = plain, Headers = new Dictionary<string, string>() }, json: false));
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new CaseFailed($"the text/plain answer does not decrypt with {type}/{mode} and the institution's key: {e.Message}");
            }
        }

        public async Task Encrypted(CaseContext context, string type, string mode)
        {
            var (raw, answer) = await SendEncryptedAsync(context, Check(), type, mode);
            Expect(answer is not null, $"the answer should be encrypted (text/plain), not {raw.MediaType}");
            ExpectCode(raw, answer!, UtilityRespCode.Success);
        }

        public async Task EncryptedRefusal(CaseContext context)
        {
            var type = profile.Keys.Keys.FirstOrDefault(k => k is "SM4" or "AES") ?? throw new CaseNotRun("the profile names no utility.keys.SM4 or AES");
            var (raw, answer) = await SendEncryptedAsync(context, Check().Set("queryType", ""), type, "CBC");
            Expect(answer is not null, $"the refusal should be encrypted (text/plain), not {raw.MediaType}");
            ExpectCode(raw, answer!, UtilityRespCode.BadField);
        }

        public async Task Undecryptable(CaseContext context)
        {
            var raw = await PostAsync(context, "/utility/CustomerCheck", "!!not base64!!"u8.ToArray(), "text/plain", [new("EncryptType", "SM4"), new("EncryptMode", "ECB"), new("DataType", "XML")]);
            Expect(raw.MediaType == "application/xml", $"an answer before decryption is plain XML, not {raw.MediaType}");
            ExpectCode(raw, Read(raw, json: false), UtilityRespCode.Undecryptable);
        }

        public byte[] WithDtd()
        {
            var xml = Encoding.ASCII.GetString(Xml(Check())).Replace("?>\n<in>", "?>\n<!DOCTYPE in [<!ENTITY x \"y\">]>\n<in>", StringComparison.Ordinal);
            return Encoding.ASCII.GetBytes(xml.Replace("<filed1>", "<filed1>&x;", StringComparison.Ordinal));
        }

        public byte[] Nested(int depth)
        {
            var text = XmlCharsets.Gbk.GetString(Xml(Check()));
            var nest = string.Concat(Enumerable.Repeat("<n>", depth)) + string.Concat(Enumerable.Repeat("</n>", depth));
            return XmlCharsets.Gbk.GetBytes(text.Replace("</in>", nest + "\n</in>", StringComparison.Ordinal));
        }

        public byte[] InvalidGbk()
        {
            var bytes = Xml(Check()).ToList();
            var at = bytes.LastIndexOf((byte)'<');
            bytes.InsertRange(at, [0x81, 0x20]);
            return [.. bytes];
        }

        public async Task ForeignCharset(CaseContext context)
        {
            var raw = await PostAsync(context, "/utility/CustomerCheck", Xml(Check(), "UTF-8"), "application/xml; charset=ISO-8859-5", []);
            ExpectCode(raw, Read(raw, json: false), UtilityRespCode.Unreadable);
            ExpectEqual("GBK", SafeXml.DeclaredCharset(raw.Body)?.ToUpperInvariant(), "the answer's declared charset");
        }

        public async Task MissingFields(CaseContext context)
        {
            var (raw, answer) = await SendXmlAsync(context, Common("CustomerCheck").Set("companyId", Need(profile.CompanyId, "utility.companyId")));
            ExpectCode(raw, answer, UtilityRespCode.BadField);
            Expect(answer.Get("RespMessage")?.Contains("queryType", StringComparison.Ordinal) == true, $"RespMessage should name queryType: '{answer.Get("RespMessage")}'");
        }

        public async Task CaseSensitive(CaseContext context)
        {
            var request = Common("CustomerCheck").Set("companyid", Need(profile.CompanyId, "utility.companyId")).Set("queryType", "0").Set("billKey", Need(profile.BillKey, "utility.billKey"));
            var (raw, answer) = await SendXmlAsync(context, request);
            ExpectCode(raw, answer, UtilityRespCode.BadField);
            Expect(answer.Get("RespMessage")?.Contains("companyId", StringComparison.Ordinal) == true, $"RespMessage should name companyId: '{answer.Get("RespMessage")}'");
        }

        public async Task BareEndpoint(CaseContext context)
        {
            var (raw, answer) = await SendXmlAsync(context, Check(), path: "/utility");
            ExpectCode(raw, answer, UtilityRespCode.Success);
        }

        public async Task Repeat(CaseContext context)
        {
            var request = Check();
            var (_, first) = await SendXmlAsync(context, request);
            var (raw, again) = await SendXmlAsync(context, request);
            ExpectCode(raw, again, first.Get("RespCode")!);
            ExpectEqual(Describe(first), Describe(again), "the repeat's answer against the first");
        }

        public async Task AlteredRepeat(CaseContext context)
        {
            var tranSeq = Guid.NewGuid().ToString("N");
            var (raw1, first) = await SendXmlAsync(context, Check(tranSeq));
            ExpectCode(raw1, first, UtilityRespCode.Success);
            var (raw, altered) = await SendXmlAsync(context, Check(tranSeq).Set("billKey", "CONFORM-OTHER"));
            ExpectCode(raw, altered, UtilityRespCode.TranSeqReused);
        }

        public async Task CbcRetry(CaseContext context)
        {
            var type = profile.Keys.Keys.FirstOrDefault(k => k is "SM4" or "AES") ?? throw new CaseNotRun("the profile names no utility.keys.SM4 or AES");
            var tranSeq = Guid.NewGuid().ToString("N");
            var (_, first) = await SendEncryptedAsync(context, Check(tranSeq), type, "CBC");
            var (raw, again) = await SendEncryptedAsync(context, Check(tranSeq), type, "CBC");
            Expect(first is not null && again is not null, "both answers should be encrypted");
            ExpectCode(raw, again!, UtilityRespCode.Success);
            ExpectEqual(Describe(first!), Describe(again!), "the retry's answer against the first");
        }

        public async Task RequestId(CaseContext context)
        {
            var id = "conform-" + Guid.NewGuid().ToString("N")[..12];
            var raw = await PostAsync(context, "/utility/CustomerCheck", Xml(Check()), "application/xml; charset=GBK", [new("X-Request-Id", id)]);
            ExpectEqual(id, raw.Header("x-request-id"), "X-Request-Id");
            Expect(int.TryParse(raw.Header("x-response-time"), out _), $"X-Response-Time should be whole milliseconds: '{raw.Header("x-response-time")}'");
        }

        private static string Describe(UtilityMessage message) => string.Join("|", message.Fields.Select(f => $"{f.Key}={f.Value}"));
    }
}
