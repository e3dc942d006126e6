using System.Text.Json;

namespace PayHub.Agreements.Channels;

/// <summary>
/// A payment channel as its database row describes it: the BankCode front-ends route by, the
/// adapter kind that talks to it, the CommandCodes it supports, its timeout and the kind's settings.
/// </summary>
public sealed record Channel(
    string BankCode,
    string Name,
    string Kind,
    IReadOnlyList<string> CommandCodes,
    int TimeoutMs,
    JsonElement Settings,
    byte[]? Secret,
    bool Enabled,
    long Version)
{
    public bool Supports(string commandCode) => CommandCodes.Contains(commandCode, StringComparer.Ordinal);

    /// <summary>A setting of the kind's own, or null.</summary>
    public string? Setting(string name) =>
        Settings.ValueKind == JsonValueKind.Object && Settings.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
