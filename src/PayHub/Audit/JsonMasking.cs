using System.Text.Encodings.Web;
using System.Text.Json;

namespace PayHub.Audit;

/// <summary>A JSON document as the journal keeps it: every string or number under a property masked by that property's kind, at any depth.</summary>
public static class JsonMasking
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Masked(ReadOnlySpan<byte> json, Func<string, PersonalData> classify)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        return Masked(document.RootElement, classify);
    }

    public static string Masked(JsonElement element, Func<string, PersonalData> classify)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, element, PersonalData.None, classify);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, PersonalData kind, Func<string, PersonalData> classify)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, classify(property.Name), classify);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, kind, classify);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String when kind != PersonalData.None:
                writer.WriteStringValue(Masking.Mask(kind, element.GetString()!));
                break;
            case JsonValueKind.Number when kind != PersonalData.None:
                writer.WriteStringValue(Masking.Mask(kind, element.GetRawText()));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
