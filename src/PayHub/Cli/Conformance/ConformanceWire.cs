using System.Net.Http.Headers;
using System.Text;
using PayHub.Protocols.Xml;

namespace PayHub.Cli.Conformance;

/// <summary>What came back to a raw request: status, headers (names lower-case) and the body's bytes as received.</summary>
public sealed record RawAnswer(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public string? MediaType => Header("content-type")?.Split(';')[0].Trim().ToLowerInvariant();

    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// Sends what a case asks, byte for byte (also what no well-behaved client would send: a wrong signature, a DTD, 64 KiB
/// and one byte), and records each exchange in the running case for the report: with every credential as <c>***</c>,
/// as the journal keeps them (its credential headers, the families' credential fields), so that a report kept by a CI
/// system holds no request that could be replayed.
/// </summary>
public sealed class ConformanceWire(HttpClient http, Uri root)
{
    /// <summary>The exchanges of the case now running.</summary>
    public List<RecordedExchange>? Record { get; set; }

    public Uri Root { get; } = root;

    public async Task<RawAnswer> SendAsync(
        string path, byte[]? body, string? contentType, IEnumerable<KeyValuePair<string, string>>? headers = null, string method = "POST", Encoding? shownAs = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Root.AbsoluteUri.TrimEnd('/') + path));
        var sent = new StringBuilder().Append(method).Append(' ').Append(path).Append('\n');
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                sent.Append("Content-Type: ").Append(contentType).Append('\n');
            }
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
            sent.Append(name).Append(": ").Append(Shown(name, value)).Append('\n');
        }

        if (body is not null)
        {
            sent.Append('\n').Append(Show(BodyCredentials.Scrub(body), shownAs ?? Encoding.UTF8));
        }

        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var answerHeaders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            answerHeaders[name.ToLowerInvariant()] = string.Join(", ", values);
        }

        var answer = new RawAnswer((int)response.StatusCode, answerHeaders, bytes);
        var received = new StringBuilder().Append("HTTP ").Append(answer.Status).Append('\n');
        foreach (var (name, value) in answerHeaders.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            received.Append(name).Append(": ").Append(Shown(name, value)).Append('\n');
        }

        var answerEncoding = SafeXml.DeclaredCharset(bytes) is { } label && XmlCharsets.TryGet(label, out var declared, out _) ? declared : Encoding.UTF8;
        Record?.Add(new RecordedExchange(sent.ToString(), received.Append('\n').Append(Show(bytes, answerEncoding)).ToString()));
        return answer;
    }

    /// <summary>Bytes as a person reads them, at most 4,000 characters of them.</summary>
    public static string Show(byte[] bytes, Encoding encoding)
    {
        string text;
        try
        {
            text = encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = $"(not valid {encoding.WebName.ToUpperInvariant().Replace("GB2312", "GBK", StringComparison.Ordinal)}; shown as UTF-8)\n" + Encoding.UTF8.GetString(bytes);
        }

        return text.Length > 4000 ? $"({bytes.Length} bytes; the first 4,000 characters)\n{text[..4000]}…" : text;
    }

    private static readonly Audit.CredentialFields BodyCredentials = new(
        [.. Agreements.DspExchange.Credentials.Names, .. GlobalAccounts.GlobalExchange.Credentials.Names, .. RiskCases.RiskExchange.Credentials.Names]);

    private static string Shown(string name, string value) => Audit.Journal.IsCredentialHeader(name) ? "***" : value;
}
