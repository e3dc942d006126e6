using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PayHub.Tests.GlobalAccounts;
using Xunit.Abstractions;

namespace PayHub.Tests.Mutation;

/// <summary>
/// Family C under mutation: inquiryAccount, inquiryBalance and applyToken under the three prefixes,
/// mutated (fields, JSON types, bytes, headers, path, method) and signed again after mutating so that
/// they reach the checks behind the signature. Every answer must be HTTP 200 JSON, signed over the
/// request's path with the server's key, with a result code of SPEC.md's tables other than
/// UNKNOWN_EXCEPTION; grants may change only under a successful applyToken.
/// </summary>
public sealed class GlobalMutationTests(PayHubFactory factory, ITestOutputHelper output) : IClassFixture<PayHubFactory>, IDisposable
{
    private static readonly (string Code, string Stage)[] Order =
    [
        ("INVALID_API", "1 path (INVALID_API)"), ("METHOD_NOT_SUPPORTED", "2 method"), ("MEDIA_TYPE_NOT_ACCEPTABLE", "3 media type"),
        ("INVALID_CLIENT", "4 Client-Id (INVALID_CLIENT)"), ("KEY_NOT_FOUND", "5 key version (KEY_NOT_FOUND)"), ("INVALID_SIGNATURE", "6 signature, Request-Time"),
        ("REQUEST_TRAFFIC_EXCEED_LIMIT", "7 rate limit"), ("PARAM_ILLEGAL", "8 body and fields (PARAM_ILLEGAL)"), ("UN_SUPPORT_BUSINESS", "9 accountType enabled"),
        ("OAUTH_FAIL", "10 authCode/refreshToken"), ("AUTHORIZATION_NOT_EXIST", "11 accessToken known"), ("ACCESS_TOKEN_EXPIRED", "12 accessToken fresh"),
        ("ACCOUNT_NOT_EXIST", "13 customer exists"), ("ACCESS_DENIED", "14 customer authorised"), ("PROCESS_FAIL", "15 customer active"), ("SUCCESS", "success"),
    ];

    private static readonly string[] Prefixes = ["/amsin/api/v1", "/ams/api/v1", "/ams/sandbox/api/v1"];

    private readonly RSA _clientKey = GlobalCaller.Load("demo-client-private.pem");
    private readonly RSA _serverKey = GlobalCaller.Load("demo-server-public.pem");

    public void Dispose()
    {
        _clientKey.Dispose();
        _serverKey.Dispose();
    }

    [Fact]
    public async Task Mutated_inquiries_and_token_requests_get_signed_answers_from_the_familys_table()
    {
        var campaign = new Campaign("C. Global account API", Order.Select(o => o.Stage).ToList(), output);
        var random = campaign.Random;
        using var http = factory.CreateClient();
        using var admin = factory.Admin();
        using var database = factory.OpenDatabase();
        const string grants = "SELECT grant_hash, kind, used, revoked FROM ga_grants ORDER BY grant_hash";
        for (var i = 0; i < Campaign.Count; i++)
        {
            var (operation, body, headers) = await SeedAsync(random, admin);
            var path = Prefixes[random.Next(Prefixes.Length)] + operation;
            var method = "POST";
            var kind = "unmutated";
            var where = random.Next(20);
            if (where < 11)
            {
                kind = Mutations.MutateJson(random, body);
            }

            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            if (where is 11 or 12 or 13)
            {
                kind = Mutations.MutateBytes(random, ref bytes);
            }

            var time = random.Next(2) == 0 ? factory.Clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) : Protocols.GlobalAccounts.RequestTime.Format(factory.Clock.GetUtcNow());
            headers["Client-Id"] = GlobalCaller.ClientId;
            headers["Request-Time"] = time;
            headers["Content-Type"] = "application/json; charset=UTF-8";
            var signature = Convert.ToBase64String(_clientKey.SignData([.. Encoding.UTF8.GetBytes($"POST {path}\n{GlobalCaller.ClientId}.{time}."), .. bytes], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            headers["Signature"] = "algorithm=RSA256,keyVersion=1,signature=" + Uri.EscapeDataString(signature);
            if (where is 14 or 15 or 16)
            {
                kind = Mutations.MutateHeader(random, headers);
            }
            else if (where == 17)
            {
                (path, kind) = (path + (random.Next(2) == 0 ? "x" : "/../inquiryAccount"), "path:change");
            }
            else if (where == 18)
            {
                (method, kind) = (random.Next(2) == 0 ? "GET" : "PUT", "method:change");
            }
            else if (where == 19)
            {
                headers["Signature"] = headers["Signature"].Replace("keyVersion=1", "keyVersion=" + (2 + random.Next(8)), StringComparison.Ordinal);
                kind = "headers:keyVersion";
            }

            var before = Campaign.Fingerprint(database, grants);
            var sent = $"{method} {path} {string.Join(" ", headers.Select(h => h.Key + ": " + h.Value))}\n{Encoding.UTF8.GetString(bytes)}";
            var (code, text) = await SendAsync(campaign, i, kind, sent, http, method, path, headers, bytes);
            campaign.Reached(Order.FirstOrDefault(o => o.Code == code).Stage ?? Order[0].Stage, kind);
            if (Campaign.Fingerprint(database, grants) != before)
            {
                if (!(operation == "/authorizations/applyToken" && code == "SUCCESS"))
                {
                    campaign.Violation(i, kind, "grants changed without a successful applyToken", sent, text);
                }

                campaign.DataChanged();
            }
        }

        campaign.Finish(Campaign.Count, Order[5].Stage, Order[7].Stage, Order[9].Stage, Order[^1].Stage);
    }

    /// <summary>One of the operations with a valid body (an applyToken with a fresh authorisation code), and its extra headers.</summary>
    private static async Task<(string Operation, JsonObject Body, Dictionary<string, string> Headers)> SeedAsync(Random random, HttpClient admin)
    {
        switch (random.Next(6))
        {
            case 4:
                return ("/business/account/inquiryAccount", new JsonObject { ["accountType"] = "VIRTUAL_ACCOUNT", ["accessToken"] = "wfat_" + random.Next() }, []);
            case 0:
                return ("/business/account/inquiryAccount", new JsonObject { ["accountType"] = "RECEIVE_ACCOUNT", ["referenceCustomerId"] = "REF-0001" }, []);
            case 1:
                return ("/business/account/inquiryAccount", new JsonObject { ["accountType"] = "ALIPAY_SHADOW_WALLET", ["customerId"] = "2188120000000001" }, []);
            case 2:
                return ("/business/account/inquiryBalance", new JsonObject { ["currencyList"] = new JsonArray("USD", "EUR"), ["balanceTypes"] = new JsonArray("NORMAL_BALANCE") },
                    new() { ["Connected-CustomerId"] = "2188120000000001" });
            case 3:
                return ("/business/account/inquiryBalance", new JsonObject { ["accountType"] = "RECEIVE_ACCOUNT", ["referenceCustomerId"] = "REF-0001", ["currencyList"] = new JsonArray("JPY") }, []);
            default:
                var issued = await admin.PostAsync("/admin/integrators/DEMO_CLIENT_001/customers/2188120000000001/auth-codes", null);
                var code = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authCode").GetString();
                return ("/authorizations/applyToken", new JsonObject { ["grantType"] = "AUTHORIZATION_CODE", ["authCode"] = code, ["customerBelongsTo"] = null }, []);
        }
    }

    private async Task<(string Code, string Text)> SendAsync(
        Campaign campaign, int i, string kind, string sent, HttpClient http, string method, string path, Dictionary<string, string> headers, byte[] bytes)
    {
        if (await campaign.SendAsync(http, i, kind, sent, method, path, headers, bytes) is not { } response)
        {
            return ("", "");
        }

        using (response)
        {
            var answer = await response.Content.ReadAsByteArrayAsync();
            var text = Encoding.UTF8.GetString(answer);
            if (response.StatusCode != System.Net.HttpStatusCode.OK || !System.Text.Unicode.Utf8.IsValid(answer))
            {
                campaign.Violation(i, kind, $"HTTP {(int)response.StatusCode}, or not UTF-8", sent, text);
                return ("", text);
            }

            // Signed over the path the request named (as sent: the client resolves dot segments), with the Client-Id it sent (empty when none).
            path = response.RequestMessage!.RequestUri!.PathAndQuery;
            var clientId = headers.GetValueOrDefault("Client-Id", "");
            var time = response.Headers.TryGetValues("response-time", out var times) ? times.Single() : "";
            var signature = response.Headers.TryGetValues("signature", out var signatures) ? signatures.Single().Split(',')[2]["signature=".Length..] : "";
            var content = Encoding.UTF8.GetBytes($"POST {path}\n{clientId}.{time}.{text}");
            var raw = new byte[512];
            if (!Convert.TryFromBase64String(Uri.UnescapeDataString(signature), raw, out var length)
                || !_serverKey.VerifyData(content, raw.AsSpan(0, length), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                campaign.Violation(i, kind, "the answer's signature does not verify", sent, text);
            }

            try
            {
                using var json = JsonDocument.Parse(answer);
                var code = json.RootElement.GetProperty("result").GetProperty("resultCode").GetString()!;
                if (!Order.Any(o => o.Code == code))
                {
                    campaign.Violation(i, kind, code + " is not an answer SPEC.md allows here (UNKNOWN_EXCEPTION is a system error)", sent, text);
                }

                return (code, text);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                campaign.Violation(i, kind, "not the family's JSON answer: " + e.Message, sent, text);
                return ("", text);
            }
        }
    }
}
