using System.Text;
using System.Text.Json;
using PayHub.Audit;
using PayHub.Protocols.Agreements;
using PayHub.Protocols.Utility;

namespace PayHub.WebConsole;

/// <summary>
/// "Copy as payhub call": a journal entry's request as a <c>payhub call</c> command (docs/cli.md), its fields as
/// PayHub understood them. The command signs (and encrypts) with the caller's own profile, so no credential is in it;
/// a credential that is a field (an SMS code, an OAuth code or token) is a placeholder to fill in.
/// </summary>
public static class PayhubCallCommand
{
    /// <summary>What the client writes itself, from the profile and the moment: never copied.</summary>
    private static readonly HashSet<string> Written =
        ["Version", "InstId", "TranCode", "TransType", "TransSeqID", "TransTime", "accessid", "timestamp", "sign"];

    /// <summary>The command; null when the journal kept no request for the entry, or it cannot be read as the family's.</summary>
    public static string? For(JournalEntryView entry, string baseUrl)
    {
        if (entry.Request.Length == 0 || entry.Headers.Length == 0)
        {
            return null;
        }

        using var headers = JsonDocument.Parse(entry.Headers);
        var root = headers.RootElement;
        var path = root.TryGetProperty(":path", out var p) ? p.GetString() ?? "" : "";
        var options = new List<string>();
        var operation = entry.Family switch
        {
            "utility" => Utility(entry, root, options),
            "dsp" => Agreement(entry, options),
            "global" => Json(entry.Request, options, array: true) ? Global(path, root, options) : null,
            "risk" => Json(entry.Request, options, array: false) ? path[(path.LastIndexOf('/') + 1)..] : null,
            _ => null,
        };
        if (operation is null)
        {
            return null;
        }

        var command = new StringBuilder("# Signed with your profile's credentials (--profile FILE; the demo's by default); <…> is a credential to put in.\n")
            .Append("payhub call ").Append(entry.Family).Append(' ').Append(CurlCommand.Quote(operation)).Append(" --url ").Append(CurlCommand.Quote(baseUrl.TrimEnd('/')));
        foreach (var option in options)
        {
            command.Append(" \\\n  ").Append(option);
        }

        return command.ToString();
    }

    private static string? Utility(JournalEntryView entry, JsonElement headers, List<string> options)
    {
        var json = entry.Request.TrimStart().StartsWith('{');
        var read = json
            ? UtilityJsonCodec.Read(Encoding.UTF8.GetBytes(entry.Request), UtilityMessage.RequestRoot)
            : UtilityXmlCodec.Read(Encoding.UTF8.GetBytes(entry.Request), "UTF-8", UtilityMessage.RequestRoot);
        if (read.Message is not { } message)
        {
            return null;
        }

        if (headers.TryGetProperty("EncryptType", out var type) && type.GetString() is { Length: > 0 } cipher && cipher != "NONE")
        {
            var mode = headers.TryGetProperty("EncryptMode", out var m) ? m.GetString() : "ECB";
            options.Add("--encrypt " + CurlCommand.Quote($"{cipher}/{(string.IsNullOrEmpty(mode) ? "ECB" : mode)}"));
        }

        options.Add("--data-type " + (json ? "JSON" : "XML"));
        Fields(message.Fields, options);
        return message.Get("TranCode");
    }

    private static string? Agreement(JournalEntryView entry, List<string> options)
    {
        var (encoding, _) = KeptBytes.CharsetOf(entry.Family, Encoding.UTF8.GetBytes(entry.Request));
        var read = AtsyhCodec.ReadRequest(encoding.GetBytes(entry.Request));
        if (read.Message is not { } request)
        {
            return null;
        }

        Fields(request.Header.All.Concat(request.Detail.All), options);
        return request.TransType;
    }

    private static string Global(string path, JsonElement headers, List<string> options)
    {
        foreach (var name in (string[])["Connected-CustomerId", "Access-Token"])
        {
            if (headers.TryGetProperty(name, out var value))
            {
                options.Add("-H " + CurlCommand.Quote($"{name}={Placeholder(name, value.GetString() ?? "")}"));
            }
        }

        return path[(path.LastIndexOf('/') + 1)..].Split('?')[0];
    }

    private static bool Json(string request, List<string> options, bool array)
    {
        try
        {
            using var body = JsonDocument.Parse(request);
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            Fields(
                body.RootElement.EnumerateObject()
                    .Where(p => p.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) && (array || p.Value.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object)))
                    .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())),
                options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void Fields(IEnumerable<KeyValuePair<string, string>> fields, List<string> options)
    {
        foreach (var (name, value) in fields)
        {
            if (!Written.Contains(name) && value.Length > 0)
            {
                options.Add("-f " + CurlCommand.Quote($"{name}={Placeholder(name, value)}"));
            }
        }
    }

    private static string Placeholder(string name, string value) => value == "***" ? $"<{name}>" : value;
}
