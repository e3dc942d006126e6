using System.Globalization;
using System.Text.Json;

namespace PayHub.RiskCases;

/// <summary>Reading the query's and reply's parameters; each problem names its field.</summary>
public static class RiskFields
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

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
