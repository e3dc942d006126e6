using System.Text;
using System.Text.Json;
using PayHub.Audit;

namespace PayHub.WebConsole;

/// <summary>
/// "Copy as curl": a journal entry's request rebuilt as a curl command, every credential (masked in the journal as
/// <c>***</c>) a placeholder the developer fills in, so it can never replay a signed request.
/// </summary>
public static class CurlCommand
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Connection", "Accept-Encoding", "Expect", "Transfer-Encoding", "traceparent", "tracestate", "EncryptType", "EncryptMode",
    };

    /// <summary>The command; null when the journal kept no headers for the entry (production settings for a success).</summary>
    public static string? For(JournalEntryView entry, string baseUrl)
    {
        if (entry.Headers.Length == 0 || entry.Family == "admin")
        {
            return null;
        }

        using var headers = JsonDocument.Parse(entry.Headers);
        var root = headers.RootElement;
        var path = root.TryGetProperty(":path", out var p) ? p.GetString() : null;
        if (path is null)
        {
            return null;
        }

        var method = root.TryGetProperty(":method", out var m) ? m.GetString() ?? "POST" : "POST";
        var command = new StringBuilder();
        var encrypted = root.TryGetProperty("EncryptType", out var cipher) ? cipher.GetString() : null;
        if (!string.IsNullOrEmpty(encrypted))
        {
            command.Append("# The request came encrypted (EncryptType ").Append(encrypted).Append("); this sends the decoded body in the clear.\n");
        }

        command.Append("# Every <…> is a credential the journal never keeps: put in your own, and sign again where the family signs.\n");
        var (body, charset) = Body(entry, string.IsNullOrEmpty(encrypted));
        if (body.Length > 0)
        {
            command.Append(charset == "UTF-8" ? "cat <<'BODY' | " : $"iconv -f UTF-8 -t {charset} <<'BODY' | ");
        }

        command.Append("curl -sS -X ").Append(method).Append(' ').Append(Quote(baseUrl.TrimEnd('/') + path));
        foreach (var header in root.EnumerateObject())
        {
            if (header.Name.StartsWith(':') || Skipped.Contains(header.Name))
            {
                continue;
            }

            var value = header.Value.GetString() ?? "";
            command.Append(" \\\n  -H ").Append(Quote(header.Name + ": " + (value == "***" ? "<" + header.Name + ">" : value)));
        }

        if (body.Length > 0)
        {
            command.Append(" \\\n  --data-binary @-\n").Append(body.Replace("***", "<credential>", StringComparison.Ordinal)).Append("\nBODY");
        }

        return command.ToString();
    }

    /// <summary>
    /// The body to send and the charset to send it in: the bytes as received where the journal kept them (credentials
    /// already <c>***</c>) and they were not encrypted, else the request as PayHub understood it; a risk request, whose
    /// decoded form leaves out its sign, gets a placeholder for it.
    /// </summary>
    private static (string Body, string Charset) Body(JournalEntryView entry, bool plain)
    {
        if (plain && entry.RawRequest.Length > 0)
        {
            return KeptBytes.Decode(entry.Family, entry.RawRequest);
        }

        var charset = KeptBytes.CharsetOf(entry.Family, Encoding.UTF8.GetBytes(entry.Request)).Name;
        if (entry.Family == "risk" && entry.Request.StartsWith('{') && !entry.Request.Contains("\"sign\"", StringComparison.Ordinal))
        {
            return (entry.Request.TrimEnd().TrimEnd('}') + (entry.Request.Trim() == "{}" ? "" : ",") + "\"sign\":\"***\"}", charset);
        }

        return (entry.Request, charset);
    }

    /// <summary>A word for a POSIX shell: in single quotes, a quote inside written as <c>'\''</c>.</summary>
    internal static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
