using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PayHub.Cli.Calls;
using PayHub.Protocols.GlobalAccounts;
using static PayHub.Cli.Conformance.CaseContext;

namespace PayHub.Cli.Conformance;

/// <summary>
/// The contract of family C (SPEC.md "C. Global account API"), case by case, as the profile's client: every answer,
/// whatever its result, must be HTTP 200 and signed with the server's key over the bytes received.
/// </summary>
public static partial class GlobalAccountsConformance
{
    private const string Inquiry = "/business/account/inquiryAccount";

    public static IEnumerable<ConformanceCase> Cases(GlobalProfile profile, Uri address)
    {
        _ = address;
        var p = new GlobalCases(profile);
        yield return new("C01", "inquiryAccount answers S with the customer's accounts",
            "Response when S: result, responseId (unique, at most 32 characters), customerId, accountInfos of {accountNo, accountStatus (ACTIVE or ABNORMAL), accountType, currencyList}, customer {customerCompanyName, customerId, certificateList}.",
            p.InquiryAccount);
        yield return new("C02", "answer headers are client-id, response-time (+08:00) and signature in the official clients' layout",
            "Responses: lower-case headers client-id (the caller's), response-time (ISO 8601, +08:00) and signature exactly as algorithm=RSA256,keyVersion=1,signature=<urlencoded>.",
            p.AnswerHeaders);
        yield return new("C03", "the /ams/api/v1 prefix answers alike", "Every operation answers under /amsin/api/v1/…, /ams/api/v1/… and /ams/sandbox/api/v1/… alike.",
            context => p.Succeeds(context, "/ams/api/v1"));
        yield return new("C04", "the /ams/sandbox/api/v1 prefix answers alike", "Every operation answers under /amsin/api/v1/…, /ams/api/v1/… and /ams/sandbox/api/v1/… alike.",
            context => p.Succeeds(context, "/ams/sandbox/api/v1"));
        yield return new("C05", "Request-Time in epoch milliseconds is accepted", "Request-Time is accepted as epoch milliseconds (Java, Go).",
            context => p.Succeeds(context, time: context.Clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        yield return new("C06", "Request-Time with Z and seven fractional digits is accepted", "ISO 8601 with Z or a ±hh:mm offset and any number of fractional digits (.NET, Python).",
            context => p.Succeeds(context, time: context.Clock.GetUtcNow().UtcDateTime.ToString("o", CultureInfo.InvariantCulture)));
        yield return new("C07", "Request-Time with a ±hhmm offset is accepted", "ISO 8601 with a ±hhmm offset (PHP's DATE_ISO8601).",
            context => p.Succeeds(context, time: context.Clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+0000"));
        yield return new("C08", "a + left unencoded in the signature stays a +", "URL-decode with %XX only (+ stays +).", p.PlusKept);
        yield return new("C09", "%XX in lower case is decoded", "%XX decoded in either case (the .NET client writes %2b).",
            context => p.Succeeds(context, transform: signature => LowerEscapes().Replace(signature, m => m.Value.ToLowerInvariant())));
        yield return new("C10", "a Signature header with spaces and names in other case is read", "Parse with spaces tolerated, names case-insensitive.",
            context => p.Succeeds(context, header: (version, signature) => $"Algorithm = RSA256 , KEYVERSION = {version} , Signature = {signature}"));
        yield return new("C11", "a signature over other bytes is INVALID_SIGNATURE", "Verify against the raw body bytes, never re-serialised JSON; bad signature INVALID_SIGNATURE.",
            context => p.Refused(context, ResultCode.InvalidSignature, signedBody: "{\"accountType\":\"VIRTUAL_ACCOUNT\"}"u8.ToArray()));
        yield return new("C12", "a Request-Time 20 minutes old is INVALID_SIGNATURE", "Refuse times more than 10 minutes from now.",
            context => p.Refused(context, ResultCode.InvalidSignature, time: RequestTime.Format(context.Clock.GetUtcNow().AddMinutes(-20))));
        yield return new("C13", "an unknown Client-Id is INVALID_CLIENT", "Unknown Client-Id INVALID_CLIENT.",
            context => p.Refused(context, ResultCode.InvalidClient, clientId: "CONFORM_UNKNOWN_CLIENT"));
        yield return new("C14", "a keyVersion without a key is KEY_NOT_FOUND", "Client-Id without a registered key of that keyVersion KEY_NOT_FOUND.",
            context => p.Refused(context, ResultCode.KeyNotFound, keyVersion: 99));
        yield return new("C15", "an unknown path under the prefix is INVALID_API", "Unknown path under any of the three prefixes INVALID_API.",
            context => p.Refused(context, ResultCode.InvalidApi, path: "/amsin/api/v1/business/account/conformNoSuchApi"));
        yield return new("C16", "a GET is METHOD_NOT_SUPPORTED", "Not POST METHOD_NOT_SUPPORTED.", context => p.Refused(context, ResultCode.MethodNotSupported, method: "GET"));
        yield return new("C17", "a Content-Type other than JSON is MEDIA_TYPE_NOT_ACCEPTABLE", "Content-Type not JSON MEDIA_TYPE_NOT_ACCEPTABLE.",
            context => p.Refused(context, ResultCode.MediaTypeNotAcceptable, contentType: "text/plain"));
        yield return new("C18", "a body that is not JSON is PARAM_ILLEGAL", "Body not parseable as JSON, or a field missing or malformed PARAM_ILLEGAL.",
            context => p.Refused(context, ResultCode.ParamIllegal, body: "not json"u8.ToArray()));
        yield return new("C19", "a missing accountType is PARAM_ILLEGAL", "accountType required.",
            context => p.Refused(context, ResultCode.ParamIllegal, body: Json(new() { ["referenceCustomerId"] = p.Reference })));
        yield return new("C20", "an identifier over 64 characters is PARAM_ILLEGAL", "Each identifier at most 64 characters.",
            context => p.Refused(context, ResultCode.ParamIllegal, body: Json(new() { ["accountType"] = p.AccountType, ["referenceCustomerId"] = new string('R', 65) })));
        yield return new("C21", "an unknown referenceCustomerId is ACCOUNT_NOT_EXIST with only result in the body", "No such customer for this client ACCOUNT_NOT_EXIST; on F/U only result.",
            context => p.Refused(context, ResultCode.AccountNotExist, body: Json(new() { ["accountType"] = p.AccountType, ["referenceCustomerId"] = "CONFORM-NOBODY" }), onlyResult: true));
        yield return new("C22", "applyToken with an unknown authCode is OAUTH_FAIL", "Unknown, revoked or already-used authCode/refreshToken OAUTH_FAIL.",
            context => p.Refused(context, ResultCode.OauthFail, path: profile.PathPrefix + "/authorizations/applyToken", body: Json(new() { ["grantType"] = "AUTHORIZATION_CODE", ["authCode"] = "conform-unknown-code" })));
        yield return new("C23", "a VIRTUAL_ACCOUNT inquiry with an unknown accessToken is AUTHORIZATION_NOT_EXIST", "Unknown or revoked accessToken AUTHORIZATION_NOT_EXIST.",
            context => p.Refused(context, ResultCode.AuthorizationNotExist, body: Json(new() { ["accountType"] = "VIRTUAL_ACCOUNT", ["accessToken"] = "conform-unknown-token" })));
        yield return new("C24", "order of checks: Content-Type before the client (unknown client, text/plain: MEDIA_TYPE_NOT_ACCEPTABLE)", "Checks run in the order of this list.",
            context => p.Refused(context, ResultCode.MediaTypeNotAcceptable, clientId: "CONFORM_UNKNOWN_CLIENT", contentType: "text/plain"));
        yield return new("C25", "order of checks: the signature before the body (bad signature, not JSON: INVALID_SIGNATURE)", "Checks run in the order of this list.",
            context => p.Refused(context, ResultCode.InvalidSignature, body: "not json"u8.ToArray(), signedBody: "{}"u8.ToArray()));
        yield return new("C26", "inquiryBalance by Connected-CustomerId lists balances that add up",
            "inquiryBalance: the customer is named by the Connected-CustomerId header …; the answer's accountBalances lists each account's balances.", p.Balance);
        yield return new("C27", "inquiryBalance naming the customer twice is PARAM_ILLEGAL", "The customer is named by the Connected-CustomerId header or the Access-Token header.",
            context => p.Refused(context, ResultCode.ParamIllegal, path: profile.PathPrefix + "/business/account/inquiryBalance", body: "{}"u8.ToArray(),
                headers: [new("Connected-CustomerId", "conform"), new("Access-Token", "conform")]));
    }

    [GeneratedRegex("%[0-9A-F]{2}")]
    private static partial Regex LowerEscapes();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+08:00$")]
    private static partial Regex ChinaTime();

    private static byte[] Json(Dictionary<string, string> fields) => JsonSerializer.SerializeToUtf8Bytes(fields, CallProfileJson.Default.DictionaryStringString);

    private sealed class GlobalCases(GlobalProfile profile)
    {
        private RSA? _clientKey;
        private RSA? _serverKey;

        public string Reference => Need(profile.ReferenceCustomerId, "global.referenceCustomerId");

        public string AccountType => profile.AccountType ?? "RECEIVE_ACCOUNT";

        private RSA ClientKey => _clientKey ??= Import(profile.ClientPrivateKeyPem, "global.clientPrivateKeyPem");

        private RSA ServerKey => _serverKey ??= Import(profile.ServerPublicKeyPem, "global.serverPublicKeyPem");

        private byte[] InquiryBody() => Json(new() { ["accountType"] = AccountType, ["referenceCustomerId"] = Reference });

        /// <summary>Sends a request signed as the client (or as the case says), and checks what every answer must be: HTTP 200, JSON, signed by the server.</summary>
        public async Task<(RawAnswer Raw, JsonElement Body)> SendAsync(
            CaseContext context,
            string? path = null,
            byte[]? body = null,
            string? time = null,
            string? clientId = null,
            int? keyVersion = null,
            byte[]? signedBody = null,
            string method = "POST",
            string contentType = "application/json; charset=UTF-8",
            Func<string, string>? transform = null,
            Func<int, string, string>? header = null,
            List<KeyValuePair<string, string>>? headers = null)
        {
            path ??= profile.PathPrefix + Inquiry;
            body ??= InquiryBody();
            time ??= RequestTime.Format(context.Clock.GetUtcNow());
            clientId ??= profile.ClientId;
            var version = keyVersion ?? profile.KeyVersion;
            var signature = Convert.ToBase64String(ClientKey.SignData(
                Rsa256Signature.Content("POST", path, clientId, time, signedBody ?? body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            var encoded = transform?.Invoke(signature) ?? Uri.EscapeDataString(signature);
            List<KeyValuePair<string, string>> sent =
            [
                new("Client-Id", clientId), new("Request-Time", time),
                new("Signature", header?.Invoke(version, encoded) ?? $"algorithm=RSA256,keyVersion={version},signature={encoded}"), .. headers ?? [],
            ];
            var raw = await context.Wire.SendAsync(path, method == "GET" ? null : body, contentType, sent, method);
            ExpectEqual("200", raw.Status.ToString(CultureInfo.InvariantCulture), "HTTP status (every answer is HTTP 200)");
            VerifyAnswer(raw, path);
            try
            {
                using var document = JsonDocument.Parse(raw.Body);
                return (raw, document.RootElement.Clone());
            }
            catch (JsonException e)
            {
                throw new CaseFailed("the answer is not JSON: " + e.Message);
            }
        }

        private void VerifyAnswer(RawAnswer raw, string requestUri)
        {
            var parsed = SignatureHeader.Parse(raw.Header("signature")) ?? throw new CaseFailed($"the answer's signature header is missing or unreadable: '{raw.Header("signature")}'");
            var clientId = raw.Header("client-id") ?? throw new CaseFailed("the answer has no client-id header");
            var time = raw.Header("response-time") ?? throw new CaseFailed("the answer has no response-time header");
            var content = Rsa256Signature.Content("POST", requestUri, clientId, time, raw.Body);
            Expect(Rsa256Signature.Verify(ServerKey, content, parsed.Signature), "the answer's signature does not verify with the server's public key over the bytes received");
        }

        public static string ResultCodeOf(JsonElement body) =>
            body.TryGetProperty("result", out var result) && result.TryGetProperty("resultCode", out var code) ? code.GetString() ?? "" : "";

        public async Task Refused(
            CaseContext context, Result expected, string? path = null, byte[]? body = null, string? time = null, string? clientId = null, int? keyVersion = null,
            byte[]? signedBody = null, string method = "POST", string contentType = "application/json; charset=UTF-8", bool onlyResult = false,
            List<KeyValuePair<string, string>>? headers = null)
        {
            var (_, answer) = await SendAsync(context, path, body, time, clientId, keyVersion, signedBody, method, contentType, headers: headers);
            ExpectEqual(expected.ResultCode, ResultCodeOf(answer), "resultCode");
            ExpectEqual(expected.ResultStatus, answer.GetProperty("result").GetProperty("resultStatus").GetString(), "resultStatus");
            if (onlyResult)
            {
                var names = answer.EnumerateObject().Select(p => p.Name).ToList();
                Expect(names.SequenceEqual(["result"]), "on F only result: the body has " + string.Join(", ", names));
            }
        }

        public async Task Succeeds(CaseContext context, string? prefix = null, string? time = null, Func<string, string>? transform = null, Func<int, string, string>? header = null)
        {
            var (_, answer) = await SendAsync(context, (prefix ?? profile.PathPrefix) + Inquiry, time: time, transform: transform, header: header);
            ExpectEqual("SUCCESS", ResultCodeOf(answer), "resultCode");
        }

        public async Task InquiryAccount(CaseContext context)
        {
            var (_, answer) = await SendAsync(context);
            ExpectEqual("SUCCESS", ResultCodeOf(answer), "resultCode");
            ExpectEqual("S", answer.GetProperty("result").GetProperty("resultStatus").GetString(), "resultStatus");
            Expect(answer.TryGetProperty("responseId", out var id) && id.GetString() is { Length: > 0 and <= 32 }, "responseId: at most 32 characters, present");
            Expect(answer.TryGetProperty("accountInfos", out var infos) && infos.ValueKind == JsonValueKind.Array && infos.GetArrayLength() > 0,
                "accountInfos (the seed's table name) lists the accounts");
            foreach (var info in infos.EnumerateArray())
            {
                Expect(info.TryGetProperty("accountNo", out _), "each account has accountNo");
                Expect(info.TryGetProperty("accountStatus", out var status) && status.GetString() is "ACTIVE" or "ABNORMAL", "accountStatus ACTIVE or ABNORMAL");
                ExpectEqual(AccountType, info.TryGetProperty("accountType", out var type) ? type.GetString() : null, "accountType");
                Expect(info.TryGetProperty("currencyList", out var currencies) && currencies.ValueKind == JsonValueKind.Array, "currencyList is an array");
            }

            Expect(answer.TryGetProperty("customer", out var customer) && customer.TryGetProperty("customerCompanyName", out _) && customer.TryGetProperty("certificateList", out _),
                "customer {customerCompanyName, customerId, certificateList}");
            Expect(answer.TryGetProperty("customerId", out _), "customerId");
        }

        public async Task AnswerHeaders(CaseContext context)
        {
            var (raw, _) = await SendAsync(context);
            ExpectEqual(profile.ClientId, raw.Header("client-id"), "client-id");
            Expect(ChinaTime().IsMatch(raw.Header("response-time") ?? ""), $"response-time: ISO 8601 with +08:00, not '{raw.Header("response-time")}'");
            var parts = (raw.Header("signature") ?? "").Split(',');
            Expect(parts.Length == 3 && parts[0] == "algorithm=RSA256" && parts[1].StartsWith("keyVersion=", StringComparison.Ordinal) && parts[2].StartsWith("signature=", StringComparison.Ordinal),
                $"signature: algorithm=RSA256,keyVersion=N,signature=S exactly (official clients take the third part): '{raw.Header("signature")}'");
        }

        public async Task PlusKept(CaseContext context)
        {
            // Signatures differ with the body's bytes: add spaces until one has a + in its base64.
            for (var spaces = 0; spaces < 64; spaces++)
            {
                var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(InquiryBody()).Replace(",", "," + new string(' ', spaces), StringComparison.Ordinal));
                var time = RequestTime.Format(context.Clock.GetUtcNow());
                var path = profile.PathPrefix + Inquiry;
                var signature = Convert.ToBase64String(ClientKey.SignData(Rsa256Signature.Content("POST", path, profile.ClientId, time, body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
                if (signature.Contains('+', StringComparison.Ordinal))
                {
                    var (_, answer) = await SendAsync(context, path, body, time, transform: s => s.Replace("/", "%2F", StringComparison.Ordinal).Replace("=", "%3D", StringComparison.Ordinal));
                    ExpectEqual("SUCCESS", ResultCodeOf(answer), "resultCode");
                    return;
                }
            }

            throw new CaseNotRun("no signature with a + came up");
        }

        public async Task Balance(CaseContext context)
        {
            var (_, account) = await SendAsync(context);
            var customerId = account.TryGetProperty("customerId", out var id) ? id.GetString() : null;
            var (_, answer) = await SendAsync(context, profile.PathPrefix + "/business/account/inquiryBalance", "{}"u8.ToArray(), headers: [new("Connected-CustomerId", Need(customerId, "customer (C01 found none)"))]);
            ExpectEqual("SUCCESS", ResultCodeOf(answer), "resultCode");
            Expect(answer.TryGetProperty("accountBalances", out var balances) && balances.ValueKind == JsonValueKind.Array, "accountBalances is an array");
            foreach (var balance in balances.EnumerateArray())
            {
                var available = decimal.Parse(balance.GetProperty("availableBalance").GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
                var frozen = decimal.Parse(balance.GetProperty("frozenBalance").GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
                var total = decimal.Parse(balance.GetProperty("totalBalance").GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
                Expect(available + frozen == total, $"totalBalance {total} is available {available} plus frozen {frozen}");
            }
        }

        private static RSA Import(string pem, string entry)
        {
            var key = RSA.Create();
            key.ImportFromPem(Need(pem, entry));
            return key;
        }
    }
}
