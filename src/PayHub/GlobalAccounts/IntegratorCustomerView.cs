namespace PayHub.GlobalAccounts;

/// <summary>A customer an integrator knows: the reference it uses for it, and whether the customer authorised it.</summary>
public sealed record IntegratorCustomerView
{
    public string CustomerId { get; init; } = "";

    public string? ReferenceCustomerId { get; init; }

    public bool Authorised { get; init; }

    public string UpdatedAt { get; init; } = "";
}
