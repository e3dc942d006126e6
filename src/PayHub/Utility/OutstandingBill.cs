using PayHub.Protocols.Utility;

namespace PayHub.Utility;

/// <summary>An outstanding (unpaid) bill.</summary>
public sealed record OutstandingBill
{
    public string BillNo { get; init; } = "";

    public string BillMonth { get; init; } = "";

    public long AmountFen { get; init; }

    public long LateFeeFen { get; init; }

    public long OwedFen => AmountFen + LateFeeFen;
}
