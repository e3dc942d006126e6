using PayHub.Protocols.Agreements;

namespace PayHub.Agreements.Channels;

/// <summary>A channel's answer with its unified code: <see cref="ChannelOutcome.TimedOut"/> is EC902, <see cref="ChannelOutcome.Unavailable"/> EC904.</summary>
public sealed record ChannelResult(ChannelOutcome Outcome, string OriginalCode, string UnifiedCode, string Message, string? AuthCode, string? ContractState);
