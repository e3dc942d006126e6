using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PayHub.Protocols.Xml;

namespace PayHub.Protocols.Utility;

/// <summary>
/// The JSON form of a utility message: one flat UTF-8 object. Requests may carry numbers (kept as
/// their JSON text); responses carry every value as a string, in the message's field order.
/// </summary>
public static class UtilityJsonCodec
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;

    public static UtilityDecodeResult Read(ReadOnlySpan<byte> body, string root)
    {
        var utf8 = XmlCharsets.Utf8;
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }

        var message = new UtilityMessage(root);
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = BodyLimits.MaxNesting });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return UtilityDecodeResult.Fail("body must be one JSON object", utf8, "UTF-8");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        var value = reader.GetString()!;
                        if (value.Contains('\0', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
                        {
                            return UtilityDecodeResult.Fail("U+0000 is not text (as in XML, a value may not hold it)", utf8, "UTF-8");
                        }

                        message.Set(name, value.Trim());
                        break;
                    case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                        message.Set(name, Encoding.UTF8.GetString(reader.ValueSpan));
                        break;
                    case JsonTokenType.Null:
                        message.Set(name, "");
                        break;
                    default:
                        return UtilityDecodeResult.Fail($"{name}: nested values are not accepted", utf8, "UTF-8");
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return UtilityDecodeResult.Fail("trailing content after the JSON object", utf8, "UTF-8");
            }
        }
        catch (JsonException e)
        {
            return UtilityDecodeResult.Fail("not valid JSON: " + e.Message, utf8, "UTF-8");
        }
        catch (InvalidOperationException e)
        {
            return UtilityDecodeResult.Fail("not valid JSON: " + e.Message, utf8, "UTF-8");
        }

        return UtilityDecodeResult.Ok(message, utf8, "UTF-8");
    }

    public static byte[] Write(UtilityMessage message)
    {
        var buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            var fields = message.Fields;
            for (var i = 0; i < fields.Count; i++)
            {
                writer.WriteString(fields[i].Key, fields[i].Value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
