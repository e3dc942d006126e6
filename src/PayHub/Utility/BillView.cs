namespace PayHub.Utility;

public sealed record BillView
{
    public string CompanyId { get; init; } = "";

    public string BillNo { get; init; } = "";

    public string BillKey { get; init; } = "";

    public string BillMonth { get; init; } = "";

    public long AmountFen { get; init; }

    public long LateFeeFen { get; init; }

    public long? PaymentId { get; init; }
}
