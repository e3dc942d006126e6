namespace PayHub.GlobalAccounts;

/// <summary>A customer: company, status (ACTIVE, FROZEN, CLOSED) and certificates; customerId is generated when left out.</summary>
public sealed record GlobalCustomerChange(string? CustomerId, string? CompanyName, string? Status, IReadOnlyList<CertificateModel>? Certificates);
