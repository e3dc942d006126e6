using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PayHub.Cli.Calls;
using PayHub.Protocols.RiskCases;
using static PayHub.Cli.Conformance.CaseContext;

namespace PayHub.Cli.Conformance;

/// <summary>The contract of family D (SPEC.md "D. Risk cases"), case by case, as the profile's agent.</summary>
public static partial class RiskCaseConformance
{
    /// <summary>The seed's table, plus firstAgentName (from the example).</summary>
    private static readonly string[] RowFields =
    [
        "legalPhone", "mercCreateTime", "cardNo", "surveyRemark", "riskTypeRules", "longitude", "mercName", "mercNum", "riskTypeCaseDealWay", "areaCode",
        "referOrders", "cityCode", "latitude", "remark", "agentNo", "typeNo", "legalPerson", "flowNodeKey", "surveyWay", "provCode", "suggest", "caseNo",
        "createTime", "caseDealWay", "auditStatus", "createWay", "surveyResult", "termNo", "firstAgentNo", "firstAgentName", "agentName", "surveyTime",
        "submitTime", "level",
    ];

    public static IEnumerable<ConformanceCase> Cases(RiskProfile profile, Uri address)
    {
        _ = address;
        var p = new RiskCases(profile);
        yield return new("D01", "a query answers 10000 with data.total and rows of the seed's fields",
            "{\"return_code\":10000,\"return_msg\":\"\",\"data\":{\"total\":N,\"rows\":[…]}}; total is a JSON number; each row has the table's fields plus firstAgentName; empty values are \"\"; level <depth>级服务商编号:<direct agent>.",
            p.Page);
        yield return new("D02", "rows come newest first, then by caseNo descending", "Ordering: createTime descending, then caseNo descending.", p.Ordering);
        yield return new("D03", "pages follow each other without overlap", "page (≥1) and rows (1..100).", p.Paging);
        yield return new("D04", "caseNo filters to that case", "Filters: caseNo, agentNo, mercNum, createTimeStart and createTimeEnd.", p.CaseNoFilter);
        yield return new("D05", "createTimeStart and createTimeEnd are inclusive", "createTimeStart and createTimeEnd (yyyy-MM-dd HH:mm:ss, inclusive).", p.TimeFilter);
        yield return new("D06", "max_amount is read as createTimeStart", "Accept max_amount as an alias of createTimeStart.", p.MaxAmountAlias);
        yield return new("D07", "a wrong sign is 10002 without data", "Errors: {\"return_code\":C,\"return_msg\":\"…\"}, no data; 10002 sign wrong.",
            context => p.Refused(context, RiskReturnCode.BadSign, Page(), secret: "conform-wrong-secret", noData: true));
        yield return new("D08", "a request without sign is 10002", "Sign present and right (10002).",
            context => p.Refused(context, RiskReturnCode.BadSign, Page(), unsigned: true));
        yield return new("D09", "a timestamp 10 minutes old is 10002", "Optional timestamp (epoch ms): when present it must be within 5 minutes.",
            context => p.Refused(context, RiskReturnCode.BadSign, [.. Page(), new("timestamp", context.Clock.GetUtcNow().AddMinutes(-10).ToUnixTimeMilliseconds())]));
        yield return new("D10", "a sign in lower-case hex is accepted", "Upper-case hex; compare case-insensitively.", p.LowerCaseSign);
        yield return new("D11", "an unknown accessid is 10003", "10003: accessid unknown or disabled.",
            context => p.Refused(context, RiskReturnCode.UnknownAccessId, Page(), accessId: "conformunknownaccessid00000000000"));
        yield return new("D12", "a body that is not JSON is 10001", "JSON parsing (10001).", RiskCases.NotJson);
        yield return new("D13", "rows over 100 is 10001", "rows (1..100) required.", context => p.Refused(context, RiskReturnCode.BadParameter, Page(rows: 101)));
        yield return new("D14", "page 0 is 10001", "page (≥1) required.", context => p.Refused(context, RiskReturnCode.BadParameter, Page(page: 0)));
        yield return new("D15", "a missing page is 10001 naming it", "page (≥1) and rows (1..100) required; 10001 parameter missing or malformed (message names it).",
            context => p.Refused(context, RiskReturnCode.BadParameter, [new("rows", 10L)], mentions: "page"));
        yield return new("D16", "an agentNo outside the caller's tree is 10004, not an empty page",
            "An agentNo outside the caller's tree is 10004, never an empty page that hides the refusal.",
            context => p.Refused(context, RiskReturnCode.OutsideTree, [.. Page(), new("agentNo", "CONFORMNOAGENT")]));
        yield return new("D17", "a caseNo outside the tree matches nothing", "A caseNo/mercNum outside it simply matches nothing.", p.CaseOutsideTree);
        yield return new("D18", "order of checks: accessid before sign and parameters (unknown accessid, bad rows: 10003)",
            "Order of checks: JSON parsing (10001) → accessid (10003) → sign present and right, timestamp fresh (10002) → rate limit (10005) → parameters (10001) → scope (10004).",
            context => p.Refused(context, RiskReturnCode.UnknownAccessId, Page(rows: 101), accessId: "conformunknownaccessid00000000000", secret: "x"));
        yield return new("D19", "order of checks: sign before parameters (wrong sign, bad rows: 10002)", "… sign present and right (10002) → rate limit (10005) → parameters (10001) …",
            context => p.Refused(context, RiskReturnCode.BadSign, Page(rows: 101), secret: "conform-wrong-secret"));
        yield return new("D20", "order of checks: parameters before scope (bad rows, agentNo outside: 10001)", "… parameters (10001) → scope (10004).",
            context => p.Refused(context, RiskReturnCode.BadParameter, [.. Page(rows: 101), new("agentNo", "CONFORMNOAGENT")]));
        yield return new("D21", "a reply moves a case awaiting one to DSH; the same reply again is success, another is 10006",
            "Reply accepted while the case is DTJ or BH …, moves the case to DSH. The same reply sent again while the case is DSH answers success again and changes nothing; a different reply in DSH … is 10006.",
            p.Reply);
    }

    private static List<KeyValuePair<string, object?>> Page(long page = 1, long rows = 10) => [new("page", page), new("rows", rows)];

    [GeneratedRegex(@"^\d+级服务商编号:\S+$")]
    private static partial Regex Level();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex Time();

    private sealed class RiskCases(RiskProfile profile)
    {
        public async Task<JsonElement> SendAsync(
            CaseContext context, string path, IEnumerable<KeyValuePair<string, object?>> fields, string? secret = null, string? accessId = null, bool unsigned = false, bool lowerSign = false)
        {
            List<KeyValuePair<string, object?>> all = [new("accessid", accessId ?? profile.AccessId), .. fields];
            if (!all.Any(f => f.Key == "timestamp"))
            {
                all.Add(new("timestamp", context.Clock.GetUtcNow().ToUnixTimeMilliseconds()));
            }

            if (!unsigned)
            {
                using var document = JsonDocument.Parse(Write(all));
                var sign = RiskSign.Sign(document.RootElement, secret ?? profile.Secret);
                all.Add(new("sign", lowerSign ? sign.ToLowerInvariant() : sign));
            }

            return await PostAsync(context, path, Write(all));
        }

        public static async Task<JsonElement> PostAsync(CaseContext context, string path, byte[] body)
        {
            var raw = await context.Wire.SendAsync("/risk" + path, body, "application/json");
            ExpectEqual("200", raw.Status.ToString(CultureInfo.InvariantCulture), "HTTP status (every answer is HTTP 200)");
            try
            {
                using var document = JsonDocument.Parse(raw.Body);
                return document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new CaseFailed("the answer is not JSON: " + e.Message);
            }
        }

        private static byte[] Write(IEnumerable<KeyValuePair<string, object?>> fields)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                foreach (var (name, value) in fields)
                {
                    if (value is long number)
                    {
                        json.WriteNumber(name, number);
                    }
                    else
                    {
                        json.WriteString(name, value?.ToString());
                    }
                }

                json.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }

        public static int Code(JsonElement answer) =>
            answer.TryGetProperty("return_code", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : throw new CaseFailed("return_code is missing or not a number");

        public static void ExpectCode(JsonElement answer, int expected) =>
            ExpectEqual(expected.ToString(CultureInfo.InvariantCulture), Code(answer).ToString(CultureInfo.InvariantCulture), "return_code");

        public async Task Refused(
            CaseContext context, int expected, List<KeyValuePair<string, object?>> fields, string? secret = null, string? accessId = null, bool unsigned = false,
            bool noData = false, string? mentions = null)
        {
            var answer = await SendAsync(context, "/case/query", fields, secret, accessId, unsigned);
            ExpectCode(answer, expected);
            if (noData)
            {
                Expect(!answer.TryGetProperty("data", out _), "an error carries no data");
            }

            if (mentions is not null)
            {
                var message = answer.TryGetProperty("return_msg", out var text) ? text.GetString() ?? "" : "";
                Expect(message.Contains(mentions, StringComparison.Ordinal), $"return_msg should name {mentions}: '{message}'");
            }
        }

        public async Task<List<JsonElement>> RowsAsync(CaseContext context, List<KeyValuePair<string, object?>> fields)
        {
            var answer = await SendAsync(context, "/case/query", fields);
            ExpectCode(answer, RiskReturnCode.Success);
            Expect(answer.TryGetProperty("data", out var data) && data.TryGetProperty("rows", out var rows) && rows.ValueKind == JsonValueKind.Array, "data.rows is an array");
            return [.. answer.GetProperty("data").GetProperty("rows").EnumerateArray()];
        }

        public async Task Page(CaseContext context)
        {
            var answer = await SendAsync(context, "/case/query", RiskCaseConformance.Page());
            ExpectCode(answer, RiskReturnCode.Success);
            ExpectEqual("", answer.GetProperty("return_msg").GetString(), "return_msg of a success");
            var data = answer.TryGetProperty("data", out var d) ? d : throw new CaseFailed("a success carries data");
            Expect(data.TryGetProperty("total", out var total) && total.ValueKind == JsonValueKind.Number, "data.total is a JSON number");
            var rows = data.GetProperty("rows");
            Expect(rows.GetArrayLength() <= 10, "no more rows than asked for");
            if (rows.GetArrayLength() == 0)
            {
                throw new CaseNotRun("the agent's tree holds no case to look at");
            }

            foreach (var row in rows.EnumerateArray())
            {
                var missing = RowFields.Where(f => !row.TryGetProperty(f, out _)).ToList();
                Expect(missing.Count == 0, $"row {Text(row, "caseNo")} lacks {string.Join(", ", missing)}");
                var notText = RowFields.Where(f => row.GetProperty(f).ValueKind != JsonValueKind.String).ToList();
                Expect(notText.Count == 0, $"row {Text(row, "caseNo")}: every value a string (empty as \"\"), not {string.Join(", ", notText)}");
                Expect(Level().IsMatch(Text(row, "level")), $"level '{Text(row, "level")}' is not <depth>级服务商编号:<agent>");
                Expect(Time().IsMatch(Text(row, "createTime")), $"createTime '{Text(row, "createTime")}' is not yyyy-MM-dd HH:mm:ss");
            }
        }

        public async Task Ordering(CaseContext context)
        {
            var rows = await RowsAsync(context, RiskCaseConformance.Page(rows: 100));
            var keys = rows.Select(r => (Text(r, "createTime"), Text(r, "caseNo"))).ToList();
            var sorted = keys.OrderByDescending(k => k.Item1, StringComparer.Ordinal).ThenByDescending(k => k.Item2, StringComparer.Ordinal).ToList();
            Expect(keys.SequenceEqual(sorted), "rows are not in createTime descending, caseNo descending order");
        }

        public async Task Paging(CaseContext context)
        {
            var four = await RowsAsync(context, RiskCaseConformance.Page(rows: 4));
            if (four.Count < 3)
            {
                throw new CaseNotRun("the agent's tree holds fewer than 3 cases");
            }

            var first = await RowsAsync(context, RiskCaseConformance.Page(1, 2));
            var second = await RowsAsync(context, RiskCaseConformance.Page(2, 2));
            ExpectEqual(string.Join(",", four.Select(r => Text(r, "caseNo"))), string.Join(",", first.Concat(second).Select(r => Text(r, "caseNo"))), "pages 1 and 2 of 2 against page 1 of 4");
        }

        private async Task<JsonElement> AnyRowAsync(CaseContext context) =>
            (await RowsAsync(context, RiskCaseConformance.Page(rows: 1))).FirstOrDefault() is { ValueKind: JsonValueKind.Object } row
                ? row
                : throw new CaseNotRun("the agent's tree holds no case");

        public async Task CaseNoFilter(CaseContext context)
        {
            var caseNo = Text(await AnyRowAsync(context), "caseNo");
            var rows = await RowsAsync(context, [.. RiskCaseConformance.Page(), new("caseNo", caseNo)]);
            ExpectEqual(caseNo, string.Join(",", rows.Select(r => Text(r, "caseNo"))), "the rows of a caseNo filter");
        }

        public async Task TimeFilter(CaseContext context)
        {
            var row = await AnyRowAsync(context);
            var time = Text(row, "createTime");
            var rows = await RowsAsync(context, [.. RiskCaseConformance.Page(rows: 100), new("createTimeStart", time), new("createTimeEnd", time)]);
            Expect(rows.Any(r => Text(r, "caseNo") == Text(row, "caseNo")), $"a case created at {time} is within {time}..{time}");
            Expect(rows.All(r => Text(r, "createTime") == time), "every row is created at that second");
        }

        public async Task MaxAmountAlias(CaseContext context)
        {
            var row = await AnyRowAsync(context);
            var after = DateTime.ParseExact(Text(row, "createTime"), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture).AddSeconds(1).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var rows = await RowsAsync(context, [.. RiskCaseConformance.Page(rows: 100), new("max_amount", after)]);
            Expect(rows.All(r => string.CompareOrdinal(Text(r, "createTime"), after) >= 0), $"with max_amount {after}, every row is created at or after it");
            Expect(rows.All(r => Text(r, "caseNo") != Text(row, "caseNo")), "the case created a second before max_amount is left out");
        }

        public async Task LowerCaseSign(CaseContext context)
        {
            var answer = await SendAsync(context, "/case/query", RiskCaseConformance.Page(), lowerSign: true);
            ExpectCode(answer, RiskReturnCode.Success);
        }

        public static async Task NotJson(CaseContext context) => ExpectCode(await PostAsync(context, "/case/query", "{not json"u8.ToArray()), RiskReturnCode.BadParameter);

        public async Task CaseOutsideTree(CaseContext context)
        {
            var answer = await SendAsync(context, "/case/query", [.. RiskCaseConformance.Page(), new("caseNo", "CONFORM" + Guid.NewGuid().ToString("N"))]);
            ExpectCode(answer, RiskReturnCode.Success);
            ExpectEqual("0", answer.GetProperty("data").GetProperty("total").GetRawText(), "total");
        }

        public async Task Reply(CaseContext context)
        {
            var rows = await RowsAsync(context, RiskCaseConformance.Page(rows: 100));
            var awaiting = rows.FirstOrDefault(r => Text(r, "auditStatus") is "DTJ" or "BH");
            if (awaiting.ValueKind != JsonValueKind.Object)
            {
                throw new CaseNotRun("no case in the first 100 of the agent's tree awaits a reply (DTJ or BH)");
            }

            var caseNo = Text(awaiting, "caseNo");
            List<KeyValuePair<string, object?>> reply = [new("caseNo", caseNo), new("surveyRemark", "conform: 已电话核实"), new("surveyWay", "phone")];
            ExpectCode(await SendAsync(context, "/case/reply", reply), RiskReturnCode.Success);
            var after = (await RowsAsync(context, [.. RiskCaseConformance.Page(), new("caseNo", caseNo)])).Single();
            ExpectEqual("DSH", Text(after, "auditStatus"), "auditStatus after the reply");
            ExpectCode(await SendAsync(context, "/case/reply", reply), RiskReturnCode.Success);
            ExpectCode(await SendAsync(context, "/case/reply", [new("caseNo", caseNo), new("surveyRemark", "conform: another reply")]), RiskReturnCode.NotAwaitingReply);
        }

        private static string Text(JsonElement row, string field) => row.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
    }
}
