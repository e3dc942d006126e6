using PayHub.Protocols.Utility;

namespace PayHub.Utility;

/// <summary>A payment as reversal needs it.</summary>
public sealed record PaymentRecord
{
    public long Id { get; init; }

    public string CompanyId { get; init; } = "";

    public string BillKey { get; init; } = "";

    public long AmountFen { get; init; }

    public string TranDate { get; init; } = "";

    public string? ReversedAt { get; init; }
}
