namespace PayHub.Utility;

/// <summary>The API key in clear: shown this once, stored only as a hash.</summary>
public sealed record ApiKeyIssued(string InstId, string ApiKey, string ApiKeyPrefix);
