using System.Text.Json;
using System.Text.Json.Serialization;

namespace PayHub.GlobalAccounts;

public sealed record IntegratorView(string ClientId, string Name, IReadOnlyList<string> AccountTypes, long? RateLimitPerSecond, IReadOnlyList<long> KeyVersions);

/// <summary>An integrator client: the accountTypes it may query (RECEIVE_ACCOUNT, ALIPAY_WALLET, VIRTUAL_ACCOUNT, ALIPAY_SHADOW_WALLET) and its rate limit.</summary>
public sealed record IntegratorChange(string? ClientId, string? Name, IReadOnlyList<string>? AccountTypes, int? RateLimitPerSecond);

/// <summary>A client's public key (PEM, RSA 2048 or more) for one keyVersion.</summary>
public sealed record ClientKeyChange(string? PublicKeyPem);

public sealed record ServerKeyView(int KeyVersion, string PublicKeyPem);

public sealed record CertificateModel(string? CertificateType, string? CertificateNo);

public sealed record BalanceModel(string? Currency, decimal? Available, decimal? Frozen);

public sealed record AccountModel(string? AccountNo, string? AccountType, string? Status, IReadOnlyList<string>? Currencies, IReadOnlyList<BalanceModel>? Balances);

public sealed record GlobalCustomerView(string CustomerId, string CompanyName, string Status, IReadOnlyList<CertificateModel> Certificates, IReadOnlyList<AccountModel> Accounts);

/// <summary>A customer: company, status (ACTIVE, FROZEN, CLOSED) and certificates; customerId is generated when left out.</summary>
public sealed record GlobalCustomerChange(string? CustomerId, string? CompanyName, string? Status, IReadOnlyList<CertificateModel>? Certificates);

/// <summary>A customer as a client knows it: its referenceCustomerId there, and whether it has authorised the client.</summary>
public sealed record AuthorisationChange(string? ReferenceCustomerId, bool? Authorised);

public sealed record AuthorisationView(string ClientId, string CustomerId, string? ReferenceCustomerId, bool Authorised, int RevokedGrants);

public sealed record AuthCodeIssued(string AuthCode, string ExpiresAt);

public sealed record TokenRevocation(string? Token);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IntegratorView))]
[JsonSerializable(typeof(List<IntegratorView>))]
[JsonSerializable(typeof(IntegratorChange))]
[JsonSerializable(typeof(ClientKeyChange))]
[JsonSerializable(typeof(ServerKeyView))]
[JsonSerializable(typeof(GlobalCustomerView))]
[JsonSerializable(typeof(List<GlobalCustomerView>))]
[JsonSerializable(typeof(GlobalCustomerChange))]
[JsonSerializable(typeof(AccountModel))]
[JsonSerializable(typeof(AuthorisationChange))]
[JsonSerializable(typeof(AuthCodeIssued))]
[JsonSerializable(typeof(AuthorisationView))]
[JsonSerializable(typeof(TokenRevocation))]
public sealed partial class GlobalAccountsAdminJson : JsonSerializerContext;
