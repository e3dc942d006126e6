using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PayHub.Protocols.Crypto;
using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;

namespace PayHub.Tests.Utility;

/// <summary>What came back from the utility interface: status, headers, raw bytes and the decoded (decrypted) message.</summary>
public sealed record UtilityResponse(HttpStatusCode Status, HttpResponseMessage Http, byte[] Body, UtilityMessage? Message)
{
    public string? this[string field] => Message?.Get(field);

    public string RespCode => Message?.Get("RespCode") ?? "";
}

/// <summary>A bank's side of the utility interface, written with the same wire code the server reads with.</summary>
public sealed class UtilityCaller(HttpClient http)
{
    public const string ApiKey = "demo-utility-key";
    public static readonly byte[] BlockKey = Convert.FromHexString("0123456789abcdeffedcba9876543210");
    public static readonly byte[] TripleDesKey = Convert.FromHexString("0123456789abcdef23456789abcdef01456789abcdef0123");

    /// <summary>A CustomerCheck request for the demo customer by billKey, with a fresh TranSeq unless one is given.</summary>
    public static UtilityMessage CustomerCheck(string? tranSeq = null) =>
        UtilityEnvelope.Request("00001", "CustomerCheck", "20240101", tranSeq ?? NewTranSeq())
            .Set("billKey", "123456").Set("companyId", "654321").Set("queryType", "0").Set("contractNo", "CONTRACT001");

    public static string NewTranSeq() => Guid.NewGuid().ToString("N")[..20];

    /// <summary>Sends raw bytes with the given headers; decodes the answer as the server declares it.</summary>
    public async Task<UtilityResponse> PostAsync(
        string path,
        byte[] body,
        string contentType = "application/xml",
        string? apiKey = ApiKey,
        IDictionary<string, string>? headers = null,
        UtilityEncryption? encryption = null,
        UtilityDataType dataType = UtilityDataType.Xml)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new UtilityResponse(response.StatusCode, response, bytes, Decode(response, bytes, encryption, dataType));
    }

    /// <summary>Encodes, encrypts and sends a message as a bank would.</summary>
    public Task<UtilityResponse> SendAsync(
        UtilityMessage message,
        UtilityDataType dataType = UtilityDataType.Xml,
        UtilityEncryption? encryption = null,
        string? path = null,
        string? apiKey = ApiKey,
        IDictionary<string, string>? headers = null)
    {
        var payload = dataType == UtilityDataType.Json
            ? UtilityJsonCodec.Write(message)
            : UtilityXmlCodec.Write(message, XmlCharsets.Gbk, "GBK");
        var allHeaders = new Dictionary<string, string>(headers ?? new Dictionary<string, string>());
        var contentType = dataType == UtilityDataType.Json ? "application/json" : "application/xml";
        if (encryption is { IsEncrypted: true })
        {
            payload = Encoding.ASCII.GetBytes(encryption.Seal(KeyFor(encryption), payload));
            allHeaders["EncryptType"] = encryption.TypeHeader;
            allHeaders["EncryptMode"] = encryption.ModeHeader;
            allHeaders["DataType"] = dataType == UtilityDataType.Json ? "JSON" : "XML";
            contentType = "text/plain";
        }

        return PostAsync(path ?? "/utility/" + message.Get("TranCode"), payload, contentType, apiKey, allHeaders, encryption, dataType);
    }

    public static byte[] KeyFor(UtilityEncryption encryption) =>
        encryption.Kind == BlockCipherKind.TripleDes ? TripleDesKey : BlockKey;

    private static UtilityMessage? Decode(HttpResponseMessage response, byte[] bytes, UtilityEncryption? encryption, UtilityDataType dataType)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var charset = response.Content.Headers.ContentType?.CharSet;
        if (mediaType == "text/plain" && encryption is { IsEncrypted: true })
        {
            bytes = encryption.Open(KeyFor(encryption), bytes);
            mediaType = dataType == UtilityDataType.Json ? "application/json" : "application/xml";
            charset = null;
        }

        return mediaType switch
        {
            "application/json" => UtilityJsonCodec.Read(bytes, "out").Message,
            "application/xml" => UtilityXmlCodec.Read(bytes, charset, "out").Message,
            _ => null,
        };
    }
}
