namespace PayHub.Utility;

public sealed record CustomerChange(
    string? BillKey, string? ContractNo, string? Name, string? Phone, string? Address,
    int? CustomerStatus, int? ServiceStatus, string? RegisterDate);
