namespace PayHub.Agreements.Channels;

/// <summary>One row of a channel's code map: (TransType, Step, OriginalCode) → (UnifiedCode, message). Step is empty for QryContract.</summary>
public sealed record CodeMapEntry(string TransType, string Step, string OriginalCode, string UnifiedCode, string Message);
