using System.Data.Common;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using PayHub.Audit;
using PayHub.Exchanges;
using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;

namespace PayHub.Utility;

/// <summary>
/// The bank interface's front door. Checks run in SPEC order — X-API-Key, rate limit, decryption,
/// parsing, TranCode, InstId against the key, fields, TranSeq, business — and the first failure
/// answers, in the request's DataType and (once decrypted) its encryption.
/// </summary>
public sealed class UtilityGateway(
    InstitutionDirectory institutions,
    IEnumerable<IUtilityOperation> operations,
    TranSeqRegister ledger,
    Sandbox.SandboxTriggers triggers,
    TimeProvider clock) : IPaymentInterface<UtilityExchange, UtilityAnswer>
{
    private readonly Dictionary<string, IUtilityOperation> _operations = operations.ToDictionary(o => o.TranCode, StringComparer.Ordinal);

    public UtilityExchange Open(ExchangeStart start) =>
        new(start, start.Http.GetRouteValue("tranCode") as string);

    public Task<UtilityAnswer> AnswerAsync(UtilityExchange exchange) => AnswerAsync(exchange.Http, exchange, exchange.PathTranCode);

    public UtilityAnswer Failed(UtilityExchange exchange) => UtilityAnswer.Refuse(UtilityRespCode.SystemError);

    public AuditEntry AuditOf(UtilityExchange exchange, UtilityAnswer answer) => exchange.AuditOf(answer);

    /// <summary>What metrics count, read without building the audit row: the TranCode, the RespCode, and whose refusal.</summary>
    public ExchangeOutcome OutcomeOf(UtilityExchange exchange, UtilityAnswer answer) =>
        new(exchange.Request?.Get("TranCode") ?? exchange.TranCode ?? "", answer.RespCode, answer.RespCode != UtilityRespCode.Success, UtilityExchange.CheckOf(answer));

    public Telemetry.MetricLabels Labels { get; } = new(operations.Select(o => o.TranCode), UtilityRespCode.All);

    private async Task<UtilityAnswer> AnswerAsync(HttpContext http, UtilityExchange exchange, string? pathTranCode)
    {
        var headers = http.Request.Headers;
        var contentType = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var media) ? media : null;
        var dataTypeKnown = TryDataType(headers["DataType"].ToString(), contentType?.MediaType, out var dataType);
        exchange.DataType = dataType;
        var headerCharset = contentType?.CharSet?.Trim('"');
        if (!string.IsNullOrEmpty(headerCharset) && XmlCharsets.TryGet(headerCharset, out var charsetEncoding, out var charsetName))
        {
            (exchange.Encoding, exchange.DeclaredCharset) = (charsetEncoding, charsetName);
        }

        var apiKey = headers["X-API-Key"].ToString();
        exchange.Institution = apiKey.Length == 0 ? null : await institutions.FindByApiKeyAsync(apiKey, http.RequestAborted);
        if (exchange.Institution is not { } institution)
        {
            exchange.Refuse("api-key", apiKey.Length == 0 ? "the request has no X-API-Key header" : "no enabled institution holds this X-API-Key (a key is shown once, when it is issued or rotated; a replaced key works only inside its overlap window; a disabled institution's key is refused)");
            return UtilityAnswer.Refuse(UtilityRespCode.Unauthorized);
        }

        if (!exchange.TryAcquireRate(institution.InstId, institution.RateLimitPerSecond))
        {
            exchange.Refuse("rate-limit", $"institution {institution.InstId} is over its limit of {institution.RateLimitPerSecond} requests a second");
            return UtilityAnswer.Refuse(UtilityRespCode.RateLimited);
        }

        var body = await exchange.ReadBodyAsync();
        if (body is null)
        {
            exchange.Refuse("parsing", exchange.BodyDiagnosis);
            return UtilityAnswer.Refuse(UtilityRespCode.Unreadable, exchange.BodyProblem);
        }

        if (!UtilityEncryption.TryParse(headers["EncryptType"].ToString(), headers["EncryptMode"].ToString(), out var encryption))
        {
            exchange.Refuse("decryption", $"EncryptType '{headers["EncryptType"]}' must be NONE, SM4, AES or 3DES, and EncryptMode '{headers["EncryptMode"]}' ECB or CBC");
            return UtilityAnswer.Refuse(UtilityRespCode.Undecryptable, "unknown EncryptType or EncryptMode");
        }

        if (encryption.IsEncrypted)
        {
            var key = institution.KeyFor(encryption.Kind!.Value);
            var keyId = $"{institution.InstId}/{encryption.TypeHeader}";
            if (key is null)
            {
                exchange.Refuse("decryption", $"institution {institution.InstId} has no {encryption.TypeHeader} key (key id {keyId}): set one through the admin API");
                return UtilityAnswer.Refuse(UtilityRespCode.Undecryptable, $"no {encryption.TypeHeader} key for this institution");
            }

            try
            {
                body = encryption.Open(key, body);
            }
            catch (CryptographicException)
            {
                exchange.Refuse("decryption", $"{encryption.TypeHeader}/{encryption.ModeHeader} with key {keyId}, PKCS#7 padding: {DecryptionStep(encryption, key, body)}");
                return UtilityAnswer.Refuse(UtilityRespCode.Undecryptable);
            }

            exchange.AnswerEncryption = encryption;
            headerCharset = null;
        }

        if (!dataTypeKnown)
        {
            exchange.Refuse("parsing", $"DataType '{headers["DataType"]}' must be XML or JSON");
            return UtilityAnswer.Refuse(UtilityRespCode.Unreadable, "DataType must be XML or JSON");
        }

        var decoded = dataType == UtilityDataType.Json
            ? UtilityJsonCodec.Read(body, UtilityMessage.RequestRoot)
            : UtilityXmlCodec.Read(body, headerCharset, UtilityMessage.RequestRoot);
        (exchange.Encoding, exchange.DeclaredCharset) = (decoded.Encoding, decoded.DeclaredCharset);
        if (decoded.Message is not { } request)
        {
            exchange.Refuse("parsing", $"the {dataType} decoder refused the {(exchange.AnswerEncryption is null ? "body" : "decrypted body")}: {decoded.Problem}");
            return UtilityAnswer.Refuse(UtilityRespCode.Unreadable, decoded.Problem);
        }

        exchange.Request = request;
        return await AnswerReadableAsync(exchange, request, institution, pathTranCode);
    }

    private async Task<UtilityAnswer> AnswerReadableAsync(UtilityExchange exchange, UtilityMessage request, Institution institution, string? pathTranCode)
    {
        var bodyTranCode = request.Get("TranCode");
        exchange.TranCode = bodyTranCode ?? pathTranCode;
        if (exchange.TranCode is null)
        {
            exchange.Refuse("trancode", "neither the path nor the body names a TranCode");
            return UtilityAnswer.Refuse(UtilityRespCode.BadField, "TranCode: required");
        }

        if (pathTranCode is not null && bodyTranCode is not null && pathTranCode != bodyTranCode)
        {
            exchange.Refuse("trancode", $"the path says {pathTranCode} and the body {bodyTranCode}: they must agree");
            return UtilityAnswer.Refuse(UtilityRespCode.UnknownTranCode, $"path says {pathTranCode}, body says {bodyTranCode}");
        }

        if (!_operations.TryGetValue(exchange.TranCode, out var operation))
        {
            exchange.Refuse("trancode", $"TranCode {exchange.TranCode} is not one of {string.Join(", ", _operations.Keys)}");
            return UtilityAnswer.Refuse(UtilityRespCode.UnknownTranCode, "unknown TranCode " + exchange.TranCode);
        }

        if (request.Get("InstId") is { } instId && instId != institution.InstId)
        {
            exchange.Refuse("api-key", $"the body's InstId is {instId}, but the X-API-Key is institution {institution.InstId}'s");
            return UtilityAnswer.Refuse(UtilityRespCode.Unauthorized);
        }

        var problems = new List<string>();
        UtilityFields.ValidateCommon(request, problems);
        operation.Validate(request, problems);
        if (problems.Count > 0)
        {
            exchange.Refuse("fields", string.Join("; ", problems));
            return UtilityAnswer.Refuse(UtilityRespCode.BadField, string.Join("; ", problems));
        }

        var trigger = await triggers.ReadAsync(exchange, operation.TranCode, request.Get("TranSeq"));
        switch (trigger)
        {
            case { Kind: Sandbox.TriggerKind.Drop }:
                return Failed(exchange);
            case { Code: UtilityRespCode.RateLimited or UtilityRespCode.SystemError }:
                return Triggered(exchange, trigger.Code);
        }

        var key = new TranSeqKey(institution.InstId, request.Get("TranDate")!, request.Get("TranSeq")!);
        var fingerprint = UtilityFields.Fingerprint(request);
        var triggered = trigger?.Code is { } code ? UtilityAnswer.Refuse(code) : null;
        var prepared = triggered ?? await operation.PrepareAsync(request, institution.InstId, CancellationToken.None);
        try
        {
            return await ledger.RegisterAsync(
                key,
                operation.TranCode,
                fingerprint,
                prepared,
                operation.ChangesData && triggered is null ? scope => Apply(exchange, operation, request, institution.InstId, prepared, scope) : null,
                exchange,
                // An effect locks its customer first: writes of one customer go to one lane, in its key's order.
                operation.ChangesData && request.Get("companyId") is { } company && request.Get("billKey") is { } billKey ? $"utility-customer/{company}/{billKey}" : null);
        }
        catch (Exception e) when (e is DbException or Storage.ConcurrentInsertException)
        {
            // The write failed (or kept meeting another writer's registration of the same TranSeq): an answer kept meanwhile
            // stands. The audit row the write recorded went with it, so the exchange is recorded on its own (FrontDoor).
            exchange.Audited = false;
            return ledger.Find(key, fingerprint) ?? throw new InvalidOperationException("TranSeq write failed and nothing was kept");
        }
    }

    private static UtilityAnswer Apply(UtilityExchange exchange, IUtilityOperation operation, UtilityMessage request, string instId, UtilityAnswer prepared, Storage.WriteScope scope)
    {
        var answer = operation.Apply(request, instId, prepared, scope);
        if (answer.RespCode == UtilityRespCode.Success)
        {
            exchange.MadeEffect();
        }

        return answer;
    }

    /// <summary>
    /// A triggered answer that is never kept: SYS9999 as the failure path gives it, SYS9998 as the rate limit does,
    /// before decryption (so in plain text, without the request's echo).
    /// </summary>
    private static UtilityAnswer Triggered(UtilityExchange exchange, string code)
    {
        if (code == UtilityRespCode.RateLimited)
        {
            exchange.AnswerEncryption = null;
            exchange.Request = null;
            exchange.TranCode = null;
        }

        return UtilityAnswer.Refuse(code);
    }

    public Task SendAsync(UtilityExchange exchange, UtilityAnswer answer) => UtilityReply.Of(exchange, answer, clock).ExecuteAsync(exchange.Http);

    /// <summary>
    /// Which step of opening an encrypted body failed, in words: found again from the body and the key themselves,
    /// as the cipher's own messages differ between its implementations.
    /// </summary>
    private static string DecryptionStep(UtilityEncryption encryption, byte[] key, byte[] body)
    {
        var kind = encryption.Kind!.Value;
        var keyLength = kind == Protocols.Crypto.BlockCipherKind.TripleDes ? 24 : 16;
        if (key.Length != keyLength)
        {
            return $"the institution's key is {key.Length} bytes; {encryption.TypeHeader} needs {keyLength}";
        }

        byte[] data;
        try
        {
            data = Convert.FromBase64String(System.Text.Encoding.ASCII.GetString(body).Trim());
        }
        catch (FormatException)
        {
            return $"the {body.Length}-byte body is not base64 text";
        }

        var block = Protocols.Crypto.BodyCipher.IvLength(kind); // a block is as long as the IV
        var cbc = encryption.Chaining == Protocols.Crypto.BlockChaining.Cbc;
        if (cbc && data.Length <= block)
        {
            return $"base64 gives {data.Length} bytes: CBC needs the {block}-byte IV and at least one block after it";
        }

        var ciphertext = cbc ? data.Length - block : data.Length;
        return ciphertext % block != 0
            ? $"the ciphertext is {ciphertext} bytes, not a whole number of {block}-byte cipher blocks"
            : "the blocks decrypted, but their padding is not PKCS#7: the body was encrypted with another key, mode or cipher, or is not whole";
    }

    /// <summary>The payload format: the DataType header when given, else the Content-Type (JSON only when it says so).</summary>
    private static bool TryDataType(string header, string? mediaType, out UtilityDataType dataType)
    {
        switch (header.Trim().ToUpperInvariant())
        {
            case "XML":
                dataType = UtilityDataType.Xml;
                return true;
            case "JSON":
                dataType = UtilityDataType.Json;
                return true;
            case "":
                var json = mediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true;
                dataType = json ? UtilityDataType.Json : UtilityDataType.Xml;
                return true;
            default:
                dataType = UtilityDataType.Xml;
                return false;
        }
    }
}
