namespace PayHub.GlobalAccounts;

public sealed record GlobalCustomerView(string CustomerId, string CompanyName, string Status, IReadOnlyList<CertificateModel> Certificates, IReadOnlyList<AccountModel> Accounts);
