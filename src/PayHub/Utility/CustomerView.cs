namespace PayHub.Utility;

public sealed record CustomerView
{
    public string CompanyId { get; init; } = "";

    public string BillKey { get; init; } = "";

    public string? ContractNo { get; init; }

    public string Name { get; init; } = "";

    public string Phone { get; init; } = "";

    public string Address { get; init; } = "";

    public long CustomerStatus { get; init; }

    public long ServiceStatus { get; init; }

    public string RegisterDate { get; init; } = "";
}
