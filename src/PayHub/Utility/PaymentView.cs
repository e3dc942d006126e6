namespace PayHub.Utility;

public sealed record PaymentView
{
    public long Id { get; init; }

    public string CompanyId { get; init; } = "";

    public string BillKey { get; init; } = "";

    public string PayDate { get; init; } = "";

    public long AmountFen { get; init; }

    public string InstId { get; init; } = "";

    public string TranDate { get; init; } = "";

    public string TranSeq { get; init; } = "";

    public string Channel { get; init; } = "";

    public string? ReversedAt { get; init; }
}
