using System.Text.Json;
using PayHub.Protocols.GlobalAccounts;

namespace PayHub.GlobalAccounts;

/// <summary>An authenticated call: the integrator, its JSON body (an object) and its request headers.</summary>
public sealed record GlobalCall(Integrator Client, JsonElement Body, IHeaderDictionary Headers);

/// <summary>An operation's answer: the result, and the fields written before it (only on success).</summary>
public sealed record GlobalAnswer(Result Result, Action<Utf8JsonWriter>? Fields = null)
{
    public static GlobalAnswer Refuse(Result result) => new(result);
}

/// <summary>One operation of the global account API, at its paths under each of <see cref="GlobalPaths.Prefixes"/>.</summary>
public interface IGlobalOperation
{
    /// <summary>The operation's paths after the prefix (<c>/business/account/inquiryAccount</c>); the first is its name in the docs.</summary>
    IReadOnlyList<string> Paths { get; }

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

/// <summary>
/// Where the API answers: every operation under <c>/amsin/api/v1</c> (WorldFirst), <c>/ams/api/v1</c>
/// (the official global-open-sdk clients) and <c>/ams/sandbox/api/v1</c> (where those clients go for a
/// Client-Id starting <c>SANDBOX_</c>), so a client built for the real service needs only its gateway URL changed.
/// </summary>
public static class GlobalPaths
{
    public static IReadOnlyList<string> Prefixes { get; } = ["/amsin/api/v1", "/ams/api/v1", "/ams/sandbox/api/v1"];

    /// <summary>The first segments the family owns: everything under them is answered in its signed envelope.</summary>
    public static IReadOnlyList<string> Roots { get; } = ["/amsin", "/ams"];

    /// <summary>Every full path of the operations, e.g. <c>/ams/sandbox/api/v1/authorizations/applyToken</c>.</summary>
    public static Dictionary<string, IGlobalOperation> Index(IEnumerable<IGlobalOperation> operations) =>
        operations.SelectMany(o => Prefixes.SelectMany(prefix => o.Paths.Select(path => (Path: prefix + path, Operation: o))))
            .ToDictionary(e => e.Path, e => e.Operation, StringComparer.Ordinal);
}
