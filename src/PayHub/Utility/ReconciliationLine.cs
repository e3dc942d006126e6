using PayHub.Protocols.Utility;

namespace PayHub.Utility;

/// <summary>One line of a reconciliation file.</summary>
public sealed record ReconciliationLine
{
    public string TranDate { get; init; } = "";

    public string TranSeq { get; init; } = "";

    public string BillKey { get; init; } = "";

    public long AmountFen { get; init; }

    public string Channel { get; init; } = "";

    public string Type { get; init; } = "";
}
