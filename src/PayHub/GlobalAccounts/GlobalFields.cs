using System.Text.Json;

namespace PayHub.GlobalAccounts;

/// <summary>Reading request fields: a field that is there must be a string of at most 64 characters.</summary>
public static class GlobalFields
{
    public const int MaxLength = 64;

    /// <summary>The string value; null when absent or null. A problem when present but not a string, empty or too long.</summary>
    public static string? Text(JsonElement body, string name, List<string> problems)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            problems.Add(name + " must be a non-empty string");
            return null;
        }

        if (text.Length > MaxLength)
        {
            problems.Add($"{name} is longer than {MaxLength} characters");
            return null;
        }

        return text;
    }
}
