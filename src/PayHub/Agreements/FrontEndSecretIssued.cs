using PayHub.Agreements.Channels;

namespace PayHub.Agreements;

/// <summary>A front-end's HMAC secret in clear: shown this once (the server keeps it sealed).</summary>
public sealed record FrontEndSecretIssued(string ClientId, string Secret);
