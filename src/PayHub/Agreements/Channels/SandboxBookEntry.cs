namespace PayHub.Agreements.Channels;

/// <summary>One agreement in the sandbox bank's own book, with the SMS code it last sent and when.</summary>
public sealed record SandboxBookEntry(string BankCode, string PayAct, string RecAct, string PolicyNo, string State, string? AuthCode, string? Code, long CodeSentMs);
