using System.Text.Json;
using System.Text.Json.Serialization;

namespace PayHub.Admin;

/// <summary>
/// Reads every string of an admin API body: one holding U+0000 is refused as malformed (a problem naming
/// the field), since it is no text, no family's wire can carry it, and PostgreSQL can neither store nor
/// compare it. Strings are written as usual.
/// </summary>
public sealed class TextOnlyStrings : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("U+0000 is not text.")
            : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>A dictionary's keys are strings too, read under the same rule.</summary>
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options) ?? "";

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
}
