using System.Text;
using PayHub.Protocols.Agreements;
using PayHub.Protocols.Xml;
using PayHub.Tests.Agreements;
using Xunit.Abstractions;

namespace PayHub.Tests.Mutation;

/// <summary>
/// Family B under mutation: sign and unsign steps and queries from the demo front-end, mutated (fields
/// of the header and the DetailRecord, bytes, charsets, headers, repeated ReqSeqIDs) and signed again
/// after mutating so that they reach the checks behind the caller's signature. Every answer must be
/// HTTP 200 with the ATSYH envelope, readable by a strict reader in its charset, a unified code of
/// SPEC.md's table with the RespCode SPEC.md gives it, and never the gateway's own failure; an
/// agreement may change only under a code SPEC.md gives a change.
/// </summary>
public sealed class DspMutationTests(PayHubFactory factory, ITestOutputHelper output) : IClassFixture<PayHubFactory>
{
    /// <summary>Each unified code, the RespCode SPEC.md gives it, and the check of the order that answers it.</summary>
    private static readonly (string Code, string RespCode, string Stage)[] Table =
    [
        ("EC906", "-1", "1 caller signature (EC906)"), ("EC907", "-1", "2 rate limit (EC907)"), ("EC901", "-1", "3 parsing and fields (EC901)"),
        ("EC903", "-1", "4 BankCode, CommandCode (EC903)"), ("EC905", "-1", "5 ReqSeqID (EC905)"),
        ("EC801", "0", "6 agreement and channel (EC8xx, EC902, EC904, EC999)"), ("EC802", "0", "6 agreement and channel (EC8xx, EC902, EC904, EC999)"),
        ("EC803", "0", "6 agreement and channel (EC8xx, EC902, EC904, EC999)"), ("EC804", "0", "6 agreement and channel (EC8xx, EC902, EC904, EC999)"),
        ("EC805", "0", "6 agreement and channel (EC8xx, EC902, EC904, EC999)"), ("EC806", "0", "6 agreement and channel (EC8xx, EC902, EC904, EC999)"),
        ("EC807", "0", "6 agreement and channel (EC8xx, EC902, EC904, EC999)"), ("EC902", "0", "6 agreement and channel (EC8xx, EC902, EC904, EC999)"),
        ("EC904", "-1", "6 agreement and channel (EC8xx, EC902, EC904, EC999)"), ("EC999", "0", "6 agreement and channel (EC8xx, EC902, EC904, EC999)"),
        ("EC000", "0", "success (EC000, EC100)"), ("EC100", "0", "success (EC000, EC100)"),
    ];

    /// <summary>The codes under which SPEC.md has an agreement change: success, an accepted step 01, a fifth wrong code voiding the step, an outcome left unknown.</summary>
    private static readonly string[] Changing = ["EC000", "EC100", "EC805", "EC902"];

    [Fact]
    public async Task Mutated_agreement_requests_get_ATSYH_answers_from_the_familys_table()
    {
        var stages = Table.Select(t => t.Stage).Distinct().ToList();
        var campaign = new Campaign("B. Agreement gateway", stages, output);
        var random = campaign.Random;
        using var http = factory.CreateClient();
        using var database = factory.OpenDatabase();
        const string agreements = "SELECT agreement_id, state, open_step, auth_code FROM dsp_agreements ORDER BY agreement_id";
        var before = Campaign.Fingerprint(database, agreements);
        var applied = new List<(string PayAct, string BankCode, string TransType)>();
        string? previousSeq = null;
        for (var i = 0; i < Campaign.Count; i++)
        {
            var where = random.Next(20);
            var request = Seed(random, applied);
            if (where == 17 && previousSeq is not null)
            {
                request.Detail.Set("ReqSeqID", previousSeq);
            }

            previousSeq = request.Detail.Get("ReqSeqID");
            var kind = where == 17 ? "reqSeqId:repeat" : "unmutated";
            var header = request.Header.All.ToList();
            var detail = request.Detail.All.ToList();
            if (where < 9)
            {
                kind = Mutations.MutateFields(random, random.Next(3) == 0 ? header : detail);
            }

            var declaration = where == 12 ? "<?xml version=\"1.0\" encoding=\"GBK\"?>\n" : random.Next(2) == 0 ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : "";
            kind = where == 12 ? "charset:declared-gbk" : kind;
            var bytes = Encoding.UTF8.GetBytes(declaration + Xml(header, detail));
            if (where is 9 or 10 or 11)
            {
                kind = Mutations.MutateBytes(random, ref bytes);
            }

            var headers = new Dictionary<string, string>
            {
                [DspSignature.ClientHeader] = DspCaller.ClientId,
                [DspSignature.SignatureHeader] = DspSignature.Compute(DspCaller.Secret, bytes),
                ["Content-Type"] = "application/xml; charset=utf-8",
            };
            if (where is 13 or 14)
            {
                kind = Mutations.MutateHeader(random, headers);
            }

            var sent = string.Join(" ", headers.Select(h => h.Key + ": " + h.Value)) + "\n" + Encoding.UTF8.GetString(bytes);
            var (code, text) = await SendAsync(campaign, i, kind, sent, http, headers, bytes);
            campaign.Reached(Table.FirstOrDefault(t => t.Code == code).Stage ?? stages[0], kind);
            if (code == "EC100" && request.Detail.Get("PayAct") is { } payAct)
            {
                applied.Add((payAct, request.BankCode!, request.TransType!));
            }

            var after = Campaign.Fingerprint(database, agreements);
            if (after != before)
            {
                if (!Changing.Contains(code))
                {
                    campaign.Violation(i, kind, $"an agreement changed under {code}", sent, text);
                }

                campaign.DataChanged();
                before = after;
            }
        }

        campaign.Finish(Campaign.Count, stages[0], stages[2], stages[3], stages[4], stages[5], stages[^1]);
    }

    /// <summary>A valid request: a step 01 for a new payer, the step 02 of one applied before, an unsign of the demo agreement, or a query.</summary>
    private static AtsyhRequest Seed(Random random, List<(string PayAct, string BankCode, string TransType)> applied)
    {
        string[] banks = ["ALIPAY01", "GZELINK01", "CMBC02"];
        switch (random.Next(5))
        {
            case 0 or 1:
                return DspCaller.Step("Contract", "01", DspCaller.NewPayAct(), banks[random.Next(banks.Length)]);
            case 2 when applied.Count > 0:
                var (payAct, bankCode, transType) = applied[random.Next(applied.Count)];
                return DspCaller.Step(transType, "02", payAct, bankCode, random.Next(4) == 0 ? "000000" : DspCaller.FixedCode);
            case 3:
                return DspCaller.Step("DeContract", random.Next(2) == 0 ? "01" : "02", "79102100603450000018", "ALIPAY01", DspCaller.FixedCode, policyNo: "30101194506012712");
            default:
                return DspCaller.Query("ALIPAY01", authCode: "30101194506012712");
        }
    }

    private static string Xml(List<KeyValuePair<string, string>> header, List<KeyValuePair<string, string>> detail)
    {
        var xml = new StringBuilder("<ATSYH version=\"5.1.0.0\">\n<TransReq>");
        Append(xml, header);
        xml.Append("\n<TransParam>\n<DetailRecord>");
        Append(xml, detail);
        return xml.Append("\n</DetailRecord>\n</TransParam>\n</TransReq>\n</ATSYH>").ToString();
    }

    private static void Append(StringBuilder xml, List<KeyValuePair<string, string>> fields)
    {
        foreach (var (name, value) in fields)
        {
            xml.Append("\n<").Append(name).Append('>');
            SafeXml.AppendEscaped(xml, value);
            xml.Append("</").Append(name).Append('>');
        }
    }

    private static async Task<(string Code, string Text)> SendAsync(
        Campaign campaign, int i, string kind, string sent, HttpClient http, Dictionary<string, string> headers, byte[] bytes)
    {
        if (await campaign.SendAsync(http, i, kind, sent, "POST", "/dsp", headers, bytes) is not { } response)
        {
            return ("", "");
        }

        using (response)
        {
            var answer = await response.Content.ReadAsByteArrayAsync();
            var contentType = response.Content.Headers.ContentType;
            var text = Encoding.UTF8.GetString(answer);
            if (response.StatusCode != System.Net.HttpStatusCode.OK || contentType?.MediaType != "application/xml"
                || !XmlCharsets.TryGet(contentType.CharSet ?? "", out _, out var declared))
            {
                campaign.Violation(i, kind, $"HTTP {(int)response.StatusCode} {contentType}", sent, text);
                return ("", text);
            }

            if (declared == "GBK" ? !PayHub.Protocols.Tests.Xml.StrictGbk.IsValid(answer) : declared == "UTF-8" && !System.Text.Unicode.Utf8.IsValid(answer))
            {
                campaign.Violation(i, kind, "bytes not valid in " + declared, sent, Convert.ToHexString(answer));
                return ("", text);
            }

            var read = AtsyhCodec.ReadResponse(answer);
            if (read.Message is not { } envelope)
            {
                campaign.Violation(i, kind, "not an ATSYH answer: " + read.Problem, sent, text);
                return ("", text);
            }

            var code = envelope.UnifiedCode ?? "";
            var row = Table.FirstOrDefault(t => t.Code == code);
            if (row.Code is null)
            {
                campaign.Violation(i, kind, $"UnifiedCode {code} is not in SPEC.md's table", sent, text);
            }
            else if (envelope.RespCode != row.RespCode)
            {
                campaign.Violation(i, kind, $"{code} came with RespCode {envelope.RespCode}, SPEC.md says {row.RespCode}", sent, text);
            }

            if (code == "EC904" && (envelope.Detail.Get("RespInfo") ?? "").StartsWith("gateway error", StringComparison.Ordinal))
            {
                campaign.Violation(i, kind, "the gateway's own failure (an exception)", sent, text);
            }

            return (code, text);
        }
    }
}
