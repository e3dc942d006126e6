using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PayHub.Protocols.Crypto;
using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;
using PayHub.Tests.Utility;
using Xunit.Abstractions;

namespace PayHub.Tests.Mutation;

/// <summary>
/// Family A under mutation: every TranCode of the bank interface, in GBK XML, JSON and encrypted
/// (SM4 CBC, AES ECB, 3DES CBC), mutated (fields, JSON types, bytes, charsets, headers, ciphertext,
/// path) before being encrypted, so that mutants reach the checks behind decryption. Every answer must
/// carry SPEC.md's HTTP status for its RespCode (never SYS9999), be readable by a strict reader in the
/// charset it declares (decrypted first when encrypted), and payments may change only under AAAAAAA.
/// </summary>
public sealed class UtilityMutationTests(PayHubFactory factory, ITestOutputHelper output) : IClassFixture<PayHubFactory>
{
    /// <summary>SPEC.md A's table: each RespCode and its HTTP status, with the check of the order that answers it.</summary>
    private static readonly (string Code, int Status, string Stage)[] Table =
    [
        ("EGG0001", 403, "1 X-API-Key, InstId (EGG0001)"), ("SYS9998", 429, "2 rate limit (SYS9998)"), ("EGG0002", 403, "3 decryption (EGG0002)"),
        ("DEF0001", 400, "4 parsing (DEF0001)"), ("DEF0003", 400, "5 TranCode (DEF0003)"), ("DEF0002", 400, "6 fields (DEF0002)"),
        ("DEF0004", 400, "7 TranSeq (DEF0004)"), ("DEF0005", 400, "8 business (DEF0005-DEF0011)"), ("DEF0006", 400, "8 business (DEF0005-DEF0011)"),
        ("DEF0007", 400, "8 business (DEF0005-DEF0011)"), ("DEF0008", 400, "8 business (DEF0005-DEF0011)"), ("DEF0009", 400, "8 business (DEF0005-DEF0011)"),
        ("DEF0010", 400, "8 business (DEF0005-DEF0011)"), ("DEF0011", 400, "8 business (DEF0005-DEF0011)"), ("AAAAAAA", 200, "success (AAAAAAA)"),
    ];

    private static readonly UtilityEncryption[] Encryptions =
        [UtilityEncryption.None, UtilityEncryption.None, new(BlockCipherKind.Sm4, BlockChaining.Cbc), new(BlockCipherKind.Aes, BlockChaining.Ecb), new(BlockCipherKind.TripleDes, BlockChaining.Cbc)];

    [Fact]
    public async Task Mutated_bank_requests_get_the_familys_own_answers_and_pay_nothing_unless_they_succeed()
    {
        var stages = Table.Select(t => t.Stage).Distinct().ToList();
        var campaign = new Campaign("A. Utility billing", stages, output);
        var random = campaign.Random;
        using var http = factory.CreateClient();
        using var database = factory.OpenDatabase();
        const string payments = "SELECT p.id, p.amount_fen, p.reversed_at, (SELECT COUNT(*) FROM utility_bills b WHERE b.payment_id = p.id) FROM utility_payments p ORDER BY p.id";
        var before = Campaign.Fingerprint(database, payments);
        var today = factory.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var paidSeqs = new List<string>();
        string? previousSeq = null;
        for (var i = 0; i < Campaign.Count; i++)
        {
            var where = random.Next(20);
            var seq = where == 17 && previousSeq is not null ? previousSeq : "M" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + random.Next(1000);
            previousSeq = seq;
            var message = Seed(random, today, seq, paidSeqs);
            var tranCode = message.Get("TranCode")!;
            var json = random.Next(3) == 0;
            var encryption = Encryptions[random.Next(Encryptions.Length)];
            var headers = new Dictionary<string, string> { ["X-API-Key"] = UtilityCaller.ApiKey };
            var kind = where == 17 ? "tranSeq:repeat" : "unmutated";
            byte[] payload;
            if (json)
            {
                var body = new JsonObject();
                foreach (var (name, value) in message.Fields)
                {
                    body[name] = value;
                }

                if (where < 9)
                {
                    kind = Mutations.MutateJson(random, body);
                }

                payload = Encoding.UTF8.GetBytes(body.ToJsonString());
            }
            else
            {
                var fields = message.Fields.ToList();
                if (where < 9)
                {
                    kind = Mutations.MutateFields(random, fields);
                }

                var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"GBK\"?>\n<in>");
                foreach (var (name, value) in fields)
                {
                    xml.Append('<').Append(name).Append('>');
                    SafeXml.AppendEscaped(xml, value);
                    xml.Append("</").Append(name).Append('>');
                }

                payload = XmlCharsets.GetBytes(XmlCharsets.Gbk, xml.Append("</in>").ToString());
            }

            if (where is 9 or 10 or 11)
            {
                kind = Mutations.MutateBytes(random, ref payload);
            }

            var contentType = json ? "application/json" : "application/xml";
            if (where == 12)
            {
                (contentType, kind) = random.Next(3) switch
                {
                    0 => (contentType + "; charset=UTF-8", "charset:declared-utf8"),
                    1 => (contentType + "; charset=ISO-8859-1", "charset:latin1"),
                    _ => (contentType + "; charset=GB18030", "charset:gb18030"),
                };
            }

            if (encryption.IsEncrypted)
            {
                payload = Encoding.ASCII.GetBytes(encryption.Seal(UtilityCaller.KeyFor(encryption), payload));
                headers["EncryptType"] = encryption.TypeHeader;
                headers["EncryptMode"] = encryption.ModeHeader;
                headers["DataType"] = json ? "JSON" : "XML";
                contentType = "text/plain";
                if (where == 15)
                {
                    kind = "cipher:" + Mutations.MutateBytes(random, ref payload);
                }
            }

            headers["Content-Type"] = contentType;
            if (where is 13 or 14)
            {
                kind = Mutations.MutateHeader(random, headers);
            }

            var path = "/utility/" + tranCode;
            if (where == 16)
            {
                (path, kind) = random.Next(3) switch { 0 => ("/utility", "path:no-trancode"), 1 => ("/utility/PayOther", "path:unknown"), _ => ("/utility/Query", "path:disagrees") };
            }

            var sent = $"{path} {string.Join(" ", headers.Select(h => h.Key + ": " + h.Value))}\n{Encoding.UTF8.GetString(payload)}";
            var (code, text) = await SendAsync(campaign, i, kind, sent, http, path, headers, payload);
            campaign.Reached(Table.FirstOrDefault(t => t.Code == code).Stage ?? stages[0], kind);
            if (code == "AAAAAAA" && tranCode == "Pay" && !paidSeqs.Contains(seq))
            {
                paidSeqs.Add(seq);
            }

            var after = Campaign.Fingerprint(database, payments);
            if (after != before)
            {
                if (!(code == "AAAAAAA" && tranCode is "Pay" or "PayInvalid"))
                {
                    campaign.Violation(i, kind, "payments changed without a successful Pay or PayInvalid", sent, text);
                }

                campaign.DataChanged();
                before = after;
            }

            if (i % 50 == 49)
            {
                await OweAgainAsync(i / 50);
            }
        }

        campaign.Finish(Campaign.Count, stages[0], stages[2], stages[3], stages[5], stages[7], stages[^1]);
    }

    /// <summary>A valid request of one of the five TranCodes for the demo customer.</summary>
    private static UtilityMessage Seed(Random random, string today, string seq, List<string> paidSeqs)
    {
        var common = (string tranCode) => UtilityEnvelope.Request("00001", tranCode, today, seq);
        return random.Next(6) switch
        {
            0 => common("CustomerCheck").Set("billKey", "123456").Set("companyId", "654321").Set("queryType", "0").Set("contractNo", "CONTRACT001"),
            1 => common("CustomerCheck").Set("companyId", "654321").Set("queryType", "1").Set("contractNo", "CONTRACT001"),
            2 => common("Query").Set("companyId", "654321").Set("billKey", "123456"),
            3 => common("Pay").Set("companyId", "654321").Set("billKey", "123456").Set("amount", "30000").Set("channel", "mobile"),
            4 when paidSeqs.Count > 0 => common("PayInvalid").Set("origTranDate", today).Set("origTranSeq", paidSeqs[random.Next(paidSeqs.Count)]),
            _ => common("PayCheck").Set("checkDate", today),
        };
    }

    /// <summary>Bills for another two months (after the demo's, a year per round), through the admin API, so that later Pay mutants have something to pay.</summary>
    private async Task OweAgainAsync(int round)
    {
        using var admin = factory.Admin();
        foreach (var month in new[] { "01", "02" })
        {
            var created = await admin.PostAsJsonAsync("/admin/companies/654321/customers/123456/bills", new { billMonth = (2100 + round) + month, amountFen = 15000 });
            Assert.True(created.IsSuccessStatusCode);
        }
    }

    private static async Task<(string Code, string Text)> SendAsync(
        Campaign campaign, int i, string kind, string sent, HttpClient http, string path, Dictionary<string, string> headers, byte[] payload)
    {
        if (await campaign.SendAsync(http, i, kind, sent, "POST", path, headers, payload) is not { } response)
        {
            return ("", "");
        }

        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var (message, problem) = Read(response.Content.Headers.ContentType, bytes, headers);
            var text = message is null ? Convert.ToHexString(bytes[..Math.Min(bytes.Length, 200)]) : string.Join(" ", message.Fields.Select(f => f.Key + "=" + f.Value));
            if (message is null)
            {
                campaign.Violation(i, kind, "the answer cannot be read: " + problem, sent, text);
                return ("", text);
            }

            var code = message.Get("RespCode") ?? "";
            var row = Table.FirstOrDefault(t => t.Code == code);
            if (row.Code is null)
            {
                campaign.Violation(i, kind, $"RespCode {code} is not an answer SPEC.md allows here (SYS9999 is a system error)", sent, text);
            }
            else if ((int)response.StatusCode != row.Status)
            {
                campaign.Violation(i, kind, $"{code} came with HTTP {(int)response.StatusCode}, SPEC.md says {row.Status}", sent, text);
            }

            return (code, text);
        }
    }

    /// <summary>The answer as a strict client reads it: decrypted when text/plain, then XML in the declared charset (strict GBK included) or JSON.</summary>
    private static (UtilityMessage? Message, string? Problem) Read(MediaTypeHeaderValue? contentType, byte[] bytes, Dictionary<string, string> requestHeaders)
    {
        var mediaType = contentType?.MediaType;
        var charset = contentType?.CharSet;
        var json = requestHeaders.GetValueOrDefault("DataType", "").Equals("JSON", StringComparison.OrdinalIgnoreCase);
        if (mediaType == "text/plain")
        {
            if (!UtilityEncryption.TryParse(requestHeaders.GetValueOrDefault("EncryptType"), requestHeaders.GetValueOrDefault("EncryptMode"), out var encryption) || !encryption.IsEncrypted)
            {
                return (null, "an encrypted answer to a request that was not encrypted");
            }

            try
            {
                bytes = encryption.Open(UtilityCaller.KeyFor(encryption), bytes);
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException)
            {
                return (null, "the encrypted answer does not decrypt: " + e.Message);
            }

            (mediaType, charset) = json ? ("application/json", null) : ("application/xml", "GBK");
        }

        if (mediaType == "application/json")
        {
            return System.Text.Unicode.Utf8.IsValid(bytes) && UtilityJsonCodec.Read(bytes, "out") is { Message: { } m } ? (m, null) : (null, "not a flat UTF-8 JSON object");
        }

        if (mediaType != "application/xml" || charset is null || !XmlCharsets.TryGet(charset, out _, out var declared))
        {
            return (null, $"Content-Type {contentType}");
        }

        if (declared == "GBK" && !PayHub.Protocols.Tests.Xml.StrictGbk.IsValid(bytes))
        {
            return (null, "bytes that are not GBK");
        }

        var read = UtilityXmlCodec.Read(bytes, charset, "out");
        return read.Message is { } message ? (message, null) : (null, read.Problem);
    }
}
