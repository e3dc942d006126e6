namespace PayHub.RiskCases;

public sealed record RiskDeliveryView
{
    public long DeliveryId { get; init; }

    public string CaseNo { get; init; } = "";

    public string AgentNo { get; init; } = "";

    public string Reason { get; init; } = "";

    public string State { get; init; } = "";

    public long Attempts { get; init; }

    public long? NextAttemptMs { get; init; }

    public string LastError { get; init; } = "";

    public string? DeliveredAt { get; init; }
}
