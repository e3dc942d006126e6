using System.Net.Http.Headers;
using System.Text;

namespace PayHub.Client;

/// <summary>What came back: the HTTP status, the headers (names lower-case) and the body's bytes exactly as received.</summary>
internal sealed record WireAnswer(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body, string? MediaType, string? Charset)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

/// <summary>One POST of raw bytes, reported step by step: the one place the four clients touch HTTP.</summary>
internal static class WireExchange
{
    /// <summary>Header names whose values are credentials: shown as <c>***</c> when explained.</summary>
    private static readonly HashSet<string> Secret = new(StringComparer.OrdinalIgnoreCase) { "X-API-Key", "Authorization" };

    public static Uri Target(HttpClient http, PayHubClientOptions options, string path)
    {
        var baseAddress = options.BaseAddress ?? http.BaseAddress
            ?? throw new InvalidOperationException("Set BaseAddress in the client's options or on its HttpClient.");
        var root = baseAddress.AbsoluteUri.TrimEnd('/');
        return new Uri(root + path);
    }

    public static async Task<WireAnswer> PostAsync(
        HttpClient http,
        PayHubClientOptions options,
        Uri target,
        byte[] body,
        string contentType,
        IEnumerable<KeyValuePair<string, string>> headers,
        Encoding shownAs,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var shown = new StringBuilder().Append("POST ").Append(target.PathAndQuery).Append(" (").Append(target.Authority).Append(")\n")
            .Append("Content-Type: ").Append(contentType).Append('\n');
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
            shown.Append(name).Append(": ").Append(Secret.Contains(name) ? "***" : value).Append('\n');
        }

        options.Report("request", shown.Append('\n').Append(Show(body, shownAs)).ToString());
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var answerHeaders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            answerHeaders[name.ToLowerInvariant()] = string.Join(", ", values);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var charset = response.Content.Headers.ContentType?.CharSet;
        var answer = new WireAnswer((int)response.StatusCode, answerHeaders, bytes, mediaType, charset);
        var received = new StringBuilder().Append("HTTP ").Append(answer.Status).Append('\n');
        foreach (var (name, value) in answerHeaders.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            received.Append(name).Append(": ").Append(value).Append('\n');
        }

        options.Report("response", received.Append('\n').Append(Show(bytes, shownAs)).ToString());
        return answer;
    }

    /// <summary>Bytes as a person reads them: decoded in their charset, with their length.</summary>
    public static string Show(byte[] bytes, Encoding encoding)
    {
        try
        {
            // A final line break is part of what is signed and sent, and invisible once printed: say so.
            var lineBreak = bytes.Length > 0 && bytes[^1] == (byte)'\n' ? ", ends with a line break" : "";
            return $"({bytes.Length} bytes, {Label(encoding)}{lineBreak})\n{encoding.GetString(bytes)}";
        }
        catch (DecoderFallbackException)
        {
            return $"({bytes.Length} bytes, not valid {Label(encoding)}; hex)\n{Convert.ToHexStringLower(bytes)}";
        }
    }

    /// <summary>The charset as the wire names it (GBK, not the code page's web name gb2312).</summary>
    private static string Label(Encoding encoding) => encoding.CodePage switch
    {
        936 => "GBK",
        54936 => "GB18030",
        _ => encoding.WebName.ToUpperInvariant(),
    };
}
