using System.Text.Json;

namespace PayHub.Agreements.Channels;

/// <summary>One row of <c>dsp_channels</c>, as the directory and the admin API both read it (the secret still sealed).</summary>
public sealed record ChannelRow(
    string BankCode, string Name, string Kind, string[] CommandCodes, int TimeoutMs, JsonElement Settings, string? SealedSecret, bool Enabled, long Version);
