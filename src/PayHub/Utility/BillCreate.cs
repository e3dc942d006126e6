namespace PayHub.Utility;

/// <summary>A monthly bill issued by the operator; the bill number defaults to B + company + billKey + month.</summary>
public sealed record BillCreate(string? BillNo, string? BillMonth, long? AmountFen, long? LateFeeFen);
