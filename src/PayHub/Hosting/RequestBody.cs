namespace PayHub.Hosting;

/// <summary>Reads a request body whole, up to a limit, so every family refuses oversized bodies in its own format.</summary>
public static class RequestBody
{
    /// <summary>
    /// Parses a JSON body that must be an object, nesting limited: null when it is one, else what is
    /// wrong (for the family's own parameter code). <paramref name="parsed"/> is the body when it was JSON at all.
    /// </summary>
    public static string? ParseJsonObject(byte[] raw, out System.Text.Json.JsonElement? parsed)
    {
        parsed = null;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(raw, new System.Text.Json.JsonDocumentOptions { MaxDepth = Protocols.BodyLimits.MaxNesting });
            parsed = document.RootElement.Clone();
        }
        catch (System.Text.Json.JsonException)
        {
            return "body is not JSON";
        }

        return parsed.Value.ValueKind == System.Text.Json.JsonValueKind.Object ? null : "body must be a JSON object";
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
