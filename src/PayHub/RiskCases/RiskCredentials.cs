namespace PayHub.RiskCases;

/// <summary>An agent's accessid and sign secret: the secret is shown this once (stored sealed).</summary>
public sealed record RiskCredentials(string AgentNo, string Accessid, string Secret);
