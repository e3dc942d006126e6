namespace PayHub.RiskCases;

/// <summary>A claimed push: the delivery, its case, the attempts so far, and the agent's notify URL, accessid and sealed secret (null when gone).</summary>
public sealed record RiskDelivery(long Id, string CaseNo, string AgentNo, int Attempts, string? Url, string? AccessId, string? SealedSecret);
