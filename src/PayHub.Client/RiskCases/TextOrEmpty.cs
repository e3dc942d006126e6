using System.Text.Json;
using System.Text.Json.Serialization;

namespace PayHub.Client.RiskCases;

/// <summary>Reads a string as it is, a number as its JSON text, and null, <c>{}</c> or <c>[]</c> as empty: the seed's example writes empty times as <c>{}</c>.</summary>
internal sealed class TextOrEmpty : JsonConverter<string>
{
    public override bool HandleNull => true;

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString()!;
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                return System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                reader.Skip();
                return "";
            default:
                return "";
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
