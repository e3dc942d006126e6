using System.Text.Json;
using PayHub.Agreements.Channels;

namespace PayHub.Agreements;

public sealed record ChannelView(
    string BankCode,
    string Name,
    string Kind,
    IReadOnlyList<string> CommandCodes,
    int TimeoutMs,
    JsonElement Settings,
    bool HasSecret,
    bool Enabled,
    long Version,
    long UnmappedCodesSinceStart);
