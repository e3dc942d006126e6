namespace PayHub.RiskCases;

public sealed record RiskMerchantChange(
    string? MercNum, string? MercName, string? AgentNo, string? LegalPerson, string? LegalPhone, string? MercCreateTime, string? ProvCode, string? CityCode, string? AreaCode);
