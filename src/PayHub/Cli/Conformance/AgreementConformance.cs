using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PayHub.Cli.Calls;
using PayHub.Protocols.Agreements;
using PayHub.Protocols.Xml;
using static PayHub.Cli.Conformance.CaseContext;

namespace PayHub.Cli.Conformance;

/// <summary>
/// The contract of family B (SPEC.md "B. Agreement gateway"), case by case, on new payers of the channel the profile
/// names (each case signs its own agreement: nothing it does touches an agreement that was there before).
/// </summary>
public static class AgreementConformance
{
    public static IEnumerable<ConformanceCase> Cases(DspProfile profile, Uri address)
    {
        _ = address;
        var p = new AgreementCases(profile);
        yield return new("B01", "QryContract of an agreement nobody signed is EC802 with ContractState none",
            "ContractState for QryContract (… none with EC802 when no agreement matches).", p.QueryNone);
        yield return new("B02", "Contract step 01 is EC100 with SignState processing, echoing the request",
            "TransResp with BankCode, TransType (the request's), TransSeqID … processing for an accepted step 01.", p.Apply);
        yield return new("B03", "signing in two steps gives EC000 with an AuthCode, and QryContract then finds it signed",
            "A successful Contract step 02 returns the agreement number AuthCode, issued by the channel.", p.Sign);
        yield return new("B04", "a wrong code at step 02 is EC803 with SignState fail", "Wrong codes answer EC803.", p.WrongCode);
        yield return new("B05", "the fifth wrong code is EC805", "The 5th wrong code answers EC805 and voids the step 01.", p.FifthWrongCode);
        yield return new("B06", "step 02 without a step 01 is EC804", "Step 02 needs a step 01 for the same agreement within 5 minutes (EC804).", p.ConfirmWithoutApply);
        yield return new("B07", "signing a signed agreement is EC801 at once, without the channel",
            "When the gateway's own record already shows the requested final state, step 01 and step 02 both answer at once with fail and EC801, without calling the channel (OriginalCode empty).",
            p.SignTwice);
        yield return new("B08", "unsigning in two steps gives DeSignState success, and QryContract then finds it unsigned",
            "DeSignState for DeContract; ContractState unsigned.", p.Unsign);
        yield return new("B09", "a wrong X-DSP-Signature is EC906 with RespCode -1 and no state field",
            "X-DSP-Signature = lower-case hex HMAC-SHA256(client secret, raw body bytes). Missing or wrong: RespCode -1, UnifiedCode EC906.",
            context => p.Refused(context, UnifiedCode.NotAuthenticated, p.ApplyRequest(), secret: "conform-wrong-secret"));
        yield return new("B10", "a request without the signature headers is EC906", "Missing or wrong: RespCode -1, UnifiedCode EC906.",
            context => p.Refused(context, UnifiedCode.NotAuthenticated, p.ApplyRequest(), unsigned: true));
        yield return new("B11", "an unknown X-DSP-Client is EC906", "X-DSP-Client (registered front-end id).",
            context => p.Refused(context, UnifiedCode.NotAuthenticated, p.ApplyRequest(), clientId: "conform-unknown-client"));
        yield return new("B12", "a body that is not XML gets the ATSYH envelope with EC901, HTTP 200",
            "Every answer, refusals included, is HTTP 200 with the ATSYH response envelope (a body that is not XML at all still gets one, with empty echo fields).",
            context => p.RefusedBytes(context, UnifiedCode.Malformed, "this is not XML"u8.ToArray()));
        yield return new("B13", "XML with a DTD is EC901", "XML with a DTD, an entity declaration … refused with the family's own format error.",
            context => p.RefusedBytes(context, UnifiedCode.Malformed, p.WithDtd()));
        yield return new("B14", "a body over 64 KiB is EC901", "Bodies over 64 KiB are refused with the family's own format error.",
            context => p.RefusedBytes(context, UnifiedCode.Malformed, AtsyhCodec.WriteRequest(p.ApplyRequest(memo: new string('x', 66 * 1024)))));
        yield return new("B15", "the seed's own malformed request is EC901 naming SingleLimit, DeadLine and CardType",
            "The seed's own request example is malformed (SingleLimit 黄二九, DeadLine 13022195000, CardType ZY009358223 …): it must be refused with EC901 naming those fields.",
            p.SeedExample);
        yield return new("B16", "missing required fields are EC901 naming each", "Every violation is listed in RespInfo (e.g. PayAmount: required; SingleLimit: not an amount).", p.MissingFields);
        yield return new("B17", "an unknown BankCode is EC903", "EC903: BankCode unknown, or CommandCode not supported by that channel.",
            context => p.Refused(context, UnifiedCode.NotRouted, p.ApplyRequest(bankCode: "CONFORMNOBANK")));
        yield return new("B18", "a CommandCode the channel does not support is EC903", "EC903: … CommandCode not supported by that channel.",
            context => p.Refused(context, UnifiedCode.NotRouted, p.ApplyRequest(commandCode: "CONFORM0000")));
        yield return new("B19", "a repeat of a ReqSeqID with the same content (new TransSeqID and TransTime) answers the first answer",
            "A repeat with the same content returns the first response again; a DSP retry may carry a new TransSeqID and TransTime.", p.Repeat);
        yield return new("B20", "the same ReqSeqID with other content is EC905", "The same number with different content is refused (B EC905).", p.AlteredRepeat);
        yield return new("B21", "order of checks: the signature first (wrong signature and malformed: EC906)",
            "Order of checks: caller signature (EC906) → rate limit (EC907) → parsing and field validation (EC901) → BankCode and CommandCode (EC903) → ReqSeqID idempotency (EC905) → agreement state and channel.",
            context => p.Refused(context, UnifiedCode.NotAuthenticated, p.ApplyRequest(bankCode: "CONFORMNOBANK", phone: "123"), secret: "conform-wrong-secret"));
        yield return new("B22", "order of checks: fields before routing (malformed and unknown BankCode: EC901)",
            "Order of checks: … parsing and field validation (EC901) → BankCode and CommandCode (EC903) …",
            context => p.Refused(context, UnifiedCode.Malformed, p.ApplyRequest(bankCode: "CONFORMNOBANK", phone: "123")));
        yield return new("B23", "order of checks: routing before idempotency (a used ReqSeqID on an unknown BankCode: EC903)",
            "Order of checks: … BankCode and CommandCode (EC903) → ReqSeqID idempotency (EC905) …", p.RoutingBeforeIdempotency);
        yield return new("B24", "a GBK request is answered in GBK with a declaration", "POST /dsp, XML, UTF-8 unless the declaration says otherwise (GBK accepted).", p.Gbk);
    }

    private sealed class AgreementCases(DspProfile profile)
    {
        private string BankCode => Need(profile.BankCode, "dsp.bankCode");

        private string SmsCode => Need(profile.SmsCode, "dsp.smsCode (the sandbox channel's fixed code)");

        /// <summary>A payer nobody has signed for: a new account ending 0123 (not one of a sandbox's special endings).</summary>
        public static string NewPayer() => "62220" + RandomNumberGenerator.GetInt32(0, 1_000_000_000).ToString("D10", CultureInfo.InvariantCulture) + "0123";

        public AtsyhRequest ApplyRequest(
            string? payAct = null, string transType = TransType.Contract, string step = TransType.Apply, string? smsCode = null, string? bankCode = null,
            string? commandCode = null, string? phone = null, string? memo = null, string? reqSeqId = null)
        {
            var request = new AtsyhRequest();
            request.Header.Set("BankCode", bankCode ?? BankCode).Set("TransType", transType).Set("CommandCode", commandCode ?? profile.CommandCode)
                .Set("TransSeqID", Guid.NewGuid().ToString("N")).Set("TransTime", "2026-12-01 10:00:00");
            request.Detail.Set("ReqSeqID", reqSeqId ?? Guid.NewGuid().ToString("N")).Set("PayAct", payAct ?? NewPayer()).Set("PayName", "王小明").Set("PayBankCode", "102")
                .Set("RecAct", "6217661145901883428").Set("RecName", "姬俞").Set("RecBankCode", "102").Set("PayAmount", "667.00")
                .Set("CellPhone", phone ?? "13900001111").Set("DeadLine", "20991231").Set("SingleLimit", "12000.00").Set("Step", step);
            if (smsCode is not null)
            {
                request.Detail.Set("SmsCode", smsCode);
            }

            if (memo is not null)
            {
                request.Detail.Set("Memo", memo);
            }

            return request;
        }

        public AtsyhRequest QueryRequest(string? payAct = null, string? authCode = null)
        {
            var request = new AtsyhRequest();
            request.Header.Set("BankCode", BankCode).Set("TransType", TransType.QryContract).Set("CommandCode", profile.CommandCode)
                .Set("TransSeqID", Guid.NewGuid().ToString("N")).Set("TransTime", "2026-12-01 10:00:00");
            request.Detail.Set("ReqSeqID", Guid.NewGuid().ToString("N"));
            if (authCode is not null)
            {
                request.Detail.Set("AuthCode", authCode);
            }
            else
            {
                request.Detail.Set("PayAct", payAct ?? NewPayer()).Set("RecAct", "6217661145901883428");
            }

            return request;
        }

        public async Task<(RawAnswer Raw, AtsyhResponse Answer)> SendAsync(
            CaseContext context, byte[] body, string? secret = null, string? clientId = null, bool unsigned = false)
        {
            List<KeyValuePair<string, string>> headers = unsigned ? [] :
            [
                new(DspSignature.ClientHeader, clientId ?? profile.ClientId), new(DspSignature.SignatureHeader, DspSignature.Compute(secret ?? profile.Secret, body)),
            ];
            var shownAs = SafeXml.DeclaredCharset(body) is { } label && XmlCharsets.TryGet(label, out var encoding, out _) ? encoding : Encoding.UTF8;
            var raw = await context.Wire.SendAsync("/dsp", body, "application/xml", headers, shownAs: shownAs);
            ExpectEqual("200", raw.Status.ToString(CultureInfo.InvariantCulture), "HTTP status (every answer is HTTP 200)");
            var read = AtsyhCodec.ReadResponse(raw.Body);
            return read.Message is { } answer && answer.Detail.Get("UnifiedCode") is not null
                ? (raw, answer)
                : throw new CaseFailed($"the answer is not an ATSYH response envelope: {read.Problem ?? "no UnifiedCode"}");
        }

        public Task<(RawAnswer Raw, AtsyhResponse Answer)> SendAsync(CaseContext context, AtsyhRequest request) => SendAsync(context, AtsyhCodec.WriteRequest(request));

        public static void ExpectOutcome(AtsyhResponse answer, string unifiedCode, string? stateField = null, string? state = null)
        {
            ExpectEqual(unifiedCode, answer.Detail.Get("UnifiedCode"), "UnifiedCode");
            ExpectEqual(UnifiedCode.RespCodeOf(unifiedCode), answer.Detail.Get("RespCode"), "RespCode");
            if (stateField is not null)
            {
                ExpectEqual(state, answer.Detail.Get(stateField), stateField);
            }

            if (UnifiedCode.RespCodeOf(unifiedCode) == "-1")
            {
                var states = new[] { "SignState", "DeSignState", "ContractState" }.Where(f => answer.Detail.Get(f) is not null).ToList();
                Expect(states.Count == 0, $"a RespCode -1 answer carries no state field, but has {string.Join(", ", states)}");
            }
        }

        public async Task Refused(CaseContext context, string unifiedCode, AtsyhRequest request, string? secret = null, string? clientId = null, bool unsigned = false)
        {
            var (_, answer) = await SendAsync(context, AtsyhCodec.WriteRequest(request), secret, clientId, unsigned);
            ExpectOutcome(answer, unifiedCode);
        }

        public async Task RefusedBytes(CaseContext context, string unifiedCode, byte[] body)
        {
            var (_, answer) = await SendAsync(context, body);
            ExpectOutcome(answer, unifiedCode);
        }

        public async Task QueryNone(CaseContext context)
        {
            var (_, answer) = await SendAsync(context, QueryRequest());
            ExpectOutcome(answer, UnifiedCode.NotFound, "ContractState", "none");
        }

        public async Task Apply(CaseContext context)
        {
            var request = ApplyRequest();
            var (raw, answer) = await SendAsync(context, request);
            ExpectOutcome(answer, UnifiedCode.CodeSent, "SignState", "processing");
            foreach (var name in (string[])["BankCode", "TransType", "TransSeqID"])
            {
                ExpectEqual(request.Header.Get(name), answer.Header.Get(name), name + " echoed");
            }

            ExpectEqual(request.Detail.Get("ReqSeqID"), answer.Detail.Get("ReqSeqID"), "ReqSeqID echoed");
            Expect(answer.Detail.Value("OriginalCode") is not null, "OriginalCode should carry the channel's own code once the channel was reached");
            Expect(raw.Body.AsSpan().StartsWith("<ATSYH>"u8), "a UTF-8 answer starts <ATSYH> like the seed's example, without a declaration");
        }

        /// <summary>Signs a new payer's agreement in two steps; the AuthCode.</summary>
        public async Task<(string PayAct, string AuthCode)> SignNewAsync(CaseContext context)
        {
            var payAct = NewPayer();
            var (_, applied) = await SendAsync(context, ApplyRequest(payAct));
            ExpectOutcome(applied, UnifiedCode.CodeSent, "SignState", "processing");
            var (_, confirmed) = await SendAsync(context, ApplyRequest(payAct, step: TransType.Confirm, smsCode: SmsCode));
            ExpectOutcome(confirmed, UnifiedCode.Success, "SignState", "success");
            return (payAct, confirmed.Detail.Value("AuthCode") ?? throw new CaseFailed("a successful Contract step 02 returns AuthCode"));
        }

        public async Task Sign(CaseContext context)
        {
            var (_, authCode) = await SignNewAsync(context);
            var (_, query) = await SendAsync(context, QueryRequest(authCode: authCode));
            ExpectOutcome(query, UnifiedCode.Success, "ContractState", "signed");
            ExpectEqual(authCode, query.Detail.Get("AuthCode"), "AuthCode of the query");
        }

        public async Task WrongCode(CaseContext context)
        {
            var payAct = NewPayer();
            await SendAsync(context, ApplyRequest(payAct));
            var (_, answer) = await SendAsync(context, ApplyRequest(payAct, step: TransType.Confirm, smsCode: Wrong(SmsCode)));
            ExpectOutcome(answer, UnifiedCode.WrongCode, "SignState", "fail");
        }

        public async Task FifthWrongCode(CaseContext context)
        {
            var payAct = NewPayer();
            var wrong = Wrong(SmsCode);
            await SendAsync(context, ApplyRequest(payAct));
            for (var i = 1; i <= 4; i++)
            {
                var (_, answer) = await SendAsync(context, ApplyRequest(payAct, step: TransType.Confirm, smsCode: wrong));
                ExpectOutcome(answer, UnifiedCode.WrongCode, "SignState", "fail");
            }

            var (_, fifth) = await SendAsync(context, ApplyRequest(payAct, step: TransType.Confirm, smsCode: wrong));
            ExpectOutcome(fifth, UnifiedCode.TooManyAttempts, "SignState", "fail");
        }

        public async Task ConfirmWithoutApply(CaseContext context)
        {
            var (_, answer) = await SendAsync(context, ApplyRequest(step: TransType.Confirm, smsCode: SmsCode));
            ExpectOutcome(answer, UnifiedCode.NoApplyOrExpired, "SignState", "fail");
        }

        public async Task SignTwice(CaseContext context)
        {
            var (payAct, _) = await SignNewAsync(context);
            var (_, again) = await SendAsync(context, ApplyRequest(payAct));
            ExpectOutcome(again, UnifiedCode.AlreadyInState, "SignState", "fail");
            Expect(again.Detail.Value("OriginalCode") is null, $"OriginalCode must be empty when the channel was not called: '{again.Detail.Get("OriginalCode")}'");
        }

        public async Task Unsign(CaseContext context)
        {
            var (payAct, authCode) = await SignNewAsync(context);
            var (_, applied) = await SendAsync(context, ApplyRequest(payAct, transType: TransType.DeContract));
            ExpectOutcome(applied, UnifiedCode.CodeSent, "DeSignState", "processing");
            var (_, confirmed) = await SendAsync(context, ApplyRequest(payAct, transType: TransType.DeContract, step: TransType.Confirm, smsCode: SmsCode));
            ExpectOutcome(confirmed, UnifiedCode.Success, "DeSignState", "success");
            var (_, query) = await SendAsync(context, QueryRequest(authCode: authCode));
            ExpectEqual("unsigned", query.Detail.Get("ContractState"), "ContractState after the unsign");
        }

        public byte[] WithDtd() =>
            Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<!DOCTYPE ATSYH [<!ENTITY x \"y\">]>\n" + Encoding.UTF8.GetString(AtsyhCodec.WriteRequest(ApplyRequest())).Replace("王小明", "&x;", StringComparison.Ordinal));

        public async Task SeedExample(CaseContext context)
        {
            var request = ApplyRequest();
            request.Detail.Set("SingleLimit", "黄二九").Set("DeadLine", "13022195000").Set("CardType", "ZY009358223");
            var (_, answer) = await SendAsync(context, request);
            ExpectOutcome(answer, UnifiedCode.Malformed);
            var info = answer.Detail.Get("RespInfo") ?? "";
            foreach (var field in (string[])["SingleLimit", "DeadLine", "CardType"])
            {
                Expect(info.Contains(field, StringComparison.Ordinal), $"RespInfo should name {field}: '{info}'");
            }
        }

        public async Task MissingFields(CaseContext context)
        {
            var request = ApplyRequest();
            request.Detail.Set("PayAmount", "").Set("CellPhone", "");
            var (_, answer) = await SendAsync(context, request);
            ExpectOutcome(answer, UnifiedCode.Malformed);
            var info = answer.Detail.Get("RespInfo") ?? "";
            Expect(info.Contains("PayAmount", StringComparison.Ordinal) && info.Contains("CellPhone", StringComparison.Ordinal), $"RespInfo should name PayAmount and CellPhone: '{info}'");
        }

        public async Task Repeat(CaseContext context)
        {
            var request = ApplyRequest();
            var (_, first) = await SendAsync(context, request);
            request.Header.Set("TransSeqID", Guid.NewGuid().ToString("N")).Set("TransTime", "2026-12-01 10:00:05");
            var (_, again) = await SendAsync(context, request);
            ExpectEqual(Detail(first), Detail(again), "the repeat's DetailRecord against the first");
        }

        public async Task AlteredRepeat(CaseContext context)
        {
            var request = ApplyRequest();
            var (_, first) = await SendAsync(context, request);
            ExpectOutcome(first, UnifiedCode.CodeSent, "SignState", "processing");
            request.Detail.Set("PayAmount", "668.00");
            var (_, altered) = await SendAsync(context, request);
            ExpectOutcome(altered, UnifiedCode.ReqSeqIdReused);
        }

        public async Task RoutingBeforeIdempotency(CaseContext context)
        {
            var request = ApplyRequest();
            await SendAsync(context, request);
            var (_, answer) = await SendAsync(context, ApplyRequest(bankCode: "CONFORMNOBANK", reqSeqId: request.Detail.Get("ReqSeqID")));
            ExpectOutcome(answer, UnifiedCode.NotRouted);
        }

        public async Task Gbk(CaseContext context)
        {
            var text = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n" + Encoding.UTF8.GetString(AtsyhCodec.WriteRequest(ApplyRequest()));
            var (raw, answer) = await SendAsync(context, XmlCharsets.GetBytes(XmlCharsets.Gbk, text));
            ExpectOutcome(answer, UnifiedCode.CodeSent, "SignState", "processing");
            ExpectEqual("GBK", SafeXml.DeclaredCharset(raw.Body)?.ToUpperInvariant(), "the answer's declared charset");
        }

        private static string Wrong(string code) => code == "000000" ? "111111" : "000000";

        private static string Detail(AtsyhResponse answer) => string.Join("|", answer.Detail.All.Select(f => $"{f.Key}={f.Value}"));
    }
}
