using System.Text.Json;

namespace PayHub.Hosting;

/// <summary>Reads a request body whole, up to a limit, so every family refuses oversized bodies in its own format.</summary>
public static class RequestBody
{
    /// <summary>
    /// Parses a JSON body that must be an object, nesting limited: null when it is one, else what is
    /// wrong (for the family's own parameter code). <paramref name="parsed"/> is the body when it was JSON at all.
    /// </summary>
    public static string? ParseJsonObject(byte[] raw, out JsonElement? parsed) => ParseJsonObject(raw, out parsed, out _);

    /// <summary>As <see cref="ParseJsonObject(byte[], out JsonElement?)"/>; <paramref name="where"/> says where the parser stopped, for the journal.</summary>
    public static string? ParseJsonObject(byte[] raw, out JsonElement? parsed, out string where)
    {
        parsed = null;
        where = "";
        if (!System.Text.Unicode.Utf8.IsValid(raw))
        {
            return "body is not JSON: it holds bytes that are not UTF-8";
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = Protocols.BodyLimits.MaxNesting });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            where = $"the JSON parser stopped at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1} of the line: {e.Message}";
            return "body is not JSON";
        }

        // A \uD800 escape without its pair is well-formed JSON to the parser but names no character:
        // reading such a string throws. A \u0000 escape names one that is no text, and that PostgreSQL
        // cannot store or compare. A body holding either is refused here, before anything reads it.
        if (raw.AsSpan().IndexOf(@"\u"u8) >= 0 && FirstStringThatIsNoText(root) is { } path)
        {
            return $"body is not JSON text: {path} holds an unpaired surrogate or U+0000";
        }

        parsed = root;
        return root.ValueKind == JsonValueKind.Object ? null : "body must be a JSON object";
    }

    /// <summary>The JSON path of the first property name or string that does not decode to UTF-16 text or holds U+0000, or null.</summary>
    private static string? FirstStringThatIsNoText(JsonElement element, string path = "$")
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return element.GetString()!.Contains('\0', StringComparison.Ordinal) ? path : null;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        if (FirstStringThatIsNoText(item, $"{path}[{index++}]") is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.Name.Contains('\0', StringComparison.Ordinal))
                        {
                            return path;
                        }

                        if (FirstStringThatIsNoText(property.Value, path + "." + property.Name) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }
        catch (InvalidOperationException)
        {
            return path;
        }
    }

    /// <summary>The body's bytes, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (request.ContentLength is { } length)
        {
            var body = new byte[length];
            await request.Body.ReadExactlyAsync(body, cancellationToken);
            return body;
        }

        using var buffer = new MemoryStream(1024);
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
