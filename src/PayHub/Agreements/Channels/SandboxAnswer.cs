using PayHub.Protocols.Agreements;
using PayHub.Storage;

namespace PayHub.Agreements.Channels;

/// <summary>What the sandbox bank did: its outcome, the agreement number it issued, and the agreement's state in its book.</summary>
public sealed record SandboxAnswer(SandboxOutcome Outcome, string? AuthCode = null, string? State = null);
