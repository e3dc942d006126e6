using PayHub.Protocols.GlobalAccounts;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>The customer a request is about, once identified and allowed; <paramref name="AccountType"/> null when named by a header (all its accounts the client may see).</summary>
public sealed record GlobalCustomer(string CustomerId, string CompanyName, string? AccountType);
