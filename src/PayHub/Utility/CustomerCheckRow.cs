using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>
/// What CustomerCheck reads: whether the company exists, the customer, and the payment history
/// computed from the stored payments (reversed ones excluded). BillKey is null when no customer matched.
/// </summary>
public sealed record CustomerCheckRow
{
    public long CompanyFound { get; init; }

    public string? BillKey { get; init; }

    public string? ContractNo { get; init; }

    public string Name { get; init; } = "";

    public string Phone { get; init; } = "";

    public string Address { get; init; } = "";

    public long CustomerStatus { get; init; }

    public long ServiceStatus { get; init; }

    public string RegisterDate { get; init; } = "";

    public long PayCount { get; init; }

    public long PayAmountFen { get; init; }

    public string? LastPayDate { get; init; }
}
