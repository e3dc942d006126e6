using System.Globalization;

namespace PayHub.Protocols.GlobalAccounts;

/// <summary>
/// <c>Request-Time</c> / <c>response-time</c>: official clients send epoch milliseconds (Java, Go), ISO 8601
/// with <c>Z</c> or <c>±hh:mm</c> and any number of fractional digits (.NET, Python), or ISO 8601 with
/// <c>±hhmm</c> (PHP's <c>DATE_ISO8601</c>). Signatures cover the header text verbatim; this only reads
/// the instant it names.
/// </summary>
public static class RequestTime
{
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.All(char.IsAsciiDigit))
        {
            if (text.Length is < 10 or > 15 || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
            {
                return false;
            }

            instant = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            return true;
        }

        // An offset (or Z) is required: a local time without one names no instant.
        if (text.Length > 5 && text[^5] is '+' or '-' && text[^4..].All(char.IsAsciiDigit))
        {
            text = string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2)); // ±hhmm → ±hh:mm
        }

        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    /// <summary>An instant as the server writes it: ISO 8601 with +08:00, to the second.</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
