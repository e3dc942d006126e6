using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PayHub.Protocols.RiskCases;

/// <summary>
/// The MD5 sign of the risk-case interface (SPEC.md D): drop <c>sign</c> and every null or empty
/// value; numbers as their JSON text, strings as they are; sort by key in ordinal (byte) order; join
/// <c>k=v</c> with <c>&amp;</c>; append <c>&amp;key=&lt;secret&gt;</c>; MD5 over UTF-8; upper-case hex.
/// </summary>
public static class RiskSign
{
    public static string StringToSign(JsonElement message, string secret)
    {
        var parts = new List<(string Key, string Value)>();
        foreach (var property in message.EnumerateObject())
        {
            if (property.Name == "sign" || ValueOf(property.Value) is not { Length: > 0 } value)
            {
                continue;
            }

            parts.Add((property.Name, value));
        }

        parts.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder(256);
        foreach (var (key, value) in parts)
        {
            text.Append(key).Append('=').Append(value).Append('&');
        }

        return text.Append("key=").Append(secret).ToString();
    }

    public static string Sign(JsonElement message, string secret) =>
        Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(StringToSign(message, secret))));

    /// <summary>True when the message's <c>sign</c> field is its sign (compared case-insensitively, in constant time).</summary>
    public static bool Verify(JsonElement message, string secret)
    {
        if (!message.TryGetProperty("sign", out var given) || given.ValueKind != JsonValueKind.String || given.GetString() is not { Length: 32 } text)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(message, secret));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(text.ToUpperInvariant()));
    }

    /// <summary>A value as it is signed; null for null and empty values (empty strings, objects and arrays).</summary>
    private static string? ValueOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Object => value.EnumerateObject().Any() ? value.GetRawText() : null,
        JsonValueKind.Array => value.GetArrayLength() > 0 ? value.GetRawText() : null,
        _ => value.GetRawText(),
    };
}
