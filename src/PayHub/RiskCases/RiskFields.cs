using System.Globalization;
using System.Text.Json;

namespace PayHub.RiskCases;

/// <summary>Reading the query's and reply's parameters; each problem names its field.</summary>
public static class RiskFields
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>
    /// A risk-case message (a request, or a push) as an operator may read it back (SPEC.md "Common"): its top-level
    /// fields with personal data masked and the <c>sign</c> left out, so that no record of it can be replayed.
    /// </summary>
    public static string Masked(JsonElement message) =>
        Audit.AuditRecorder.MaskedJson(
            message.EnumerateObject().Where(p => p.Name != "sign")
                .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))
                .ToList(),
            Classify);

    /// <summary>Which risk-case fields hold personal data.</summary>
    public static Audit.PersonalData Classify(string field) => field switch
    {
        "legalPhone" => Audit.PersonalData.Phone,
        "legalPerson" => Audit.PersonalData.Name,
        "cardNo" => Audit.PersonalData.Number,
        _ => Audit.PersonalData.None,
    };

    /// <summary>An optional string of at most <paramref name="maxLength"/> characters; null when absent or empty.</summary>
    public static string? Text(JsonElement body, string name, List<string> problems, int maxLength = 64)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(name + ": must be a string");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            problems.Add($"{name}: longer than {maxLength}");
            return null;
        }

        return text.Length == 0 ? null : text;
    }

    /// <summary>A required integer within bounds, as a JSON number or a numeric string.</summary>
    public static int Integer(JsonElement body, string name, int min, int max, List<string> problems)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null || (value.ValueKind == JsonValueKind.String && value.GetString() == ""))
        {
            problems.Add(name + ": required");
            return 0;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            problems.Add($"{name}: must be an integer from {min} to {max}");
            return 0;
        }

        return number;
    }

    public static string? Time(JsonElement body, string name, List<string> problems)
    {
        var text = Text(body, name, problems);
        if (text is not null && !DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add($"{name}: not {TimeFormat}");
            return null;
        }

        return text;
    }
}
