using System.Text.Json;
using PayHub.Protocols.GlobalAccounts;

namespace PayHub.GlobalAccounts;

/// <summary>An authenticated call: the integrator and its JSON body (an object).</summary>
public sealed record GlobalCall(Integrator Client, JsonElement Body);

/// <summary>An operation's answer: the result, and the fields written before it (only on success).</summary>
public sealed record GlobalAnswer(Result Result, Action<Utf8JsonWriter>? Fields = null)
{
    public static GlobalAnswer Refuse(Result result) => new(result);
}

/// <summary>One operation of the global account API, at its path under <c>/amsin/api/v1</c>.</summary>
public interface IGlobalOperation
{
    string Path { get; }

    Task<GlobalAnswer> AnswerAsync(GlobalCall call);
}

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
