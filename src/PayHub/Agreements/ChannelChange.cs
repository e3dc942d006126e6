using System.Text.Json;
using PayHub.Agreements.Channels;

namespace PayHub.Agreements;

/// <summary>
/// A channel as an operator gives it. <c>Settings</c> are the kind's own (simulated:
/// <c>vocabulary</c>, <c>fixedCode</c>; http: <c>url</c>, <c>clientId</c>, <c>remoteBankCode</c>);
/// <c>Secret</c> is the http kind's secret at the remote (stored sealed, never shown).
/// </summary>
public sealed record ChannelChange(
    string? BankCode,
    string? Name,
    string? Kind,
    IReadOnlyList<string>? CommandCodes,
    int? TimeoutMs,
    JsonElement? Settings,
    string? Secret,
    bool? Enabled);
