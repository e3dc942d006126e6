namespace PayHub.RiskCases;

public sealed record RiskCaseView(Dictionary<string, string> Row, bool Closed, List<RiskCaseEventView> History, List<RiskDeliveryView> Deliveries);
