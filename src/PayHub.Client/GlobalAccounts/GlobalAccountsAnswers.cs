using System.Text.Json.Serialization;
using PayHub.Protocols.GlobalAccounts;

namespace PayHub.Client.GlobalAccounts;

/// <summary>What every answer carries: its <c>result</c> (status S, F or U) and, on success, a responseId.</summary>
public abstract record GlobalAnswer
{
    private protected GlobalAnswer()
    {
    }

    /// <summary>The result: compare <see cref="Result.ResultCode"/> with <see cref="ResultCode"/>'s.</summary>
    public Result Result { get => field ?? ResultCode.UnknownException.With("the answer carries no result"); init; }

    /// <summary>True for status S.</summary>
    [JsonIgnore]
    public bool IsSuccess => Result.ResultStatus == "S";

    /// <summary>The answer's unique id (successes only).</summary>
    public string? ResponseId { get; init; }
}

/// <summary>inquiryAccount's answer.</summary>
public sealed record InquiryAccountAnswer : GlobalAnswer
{
    /// <summary>The global customer id.</summary>
    public string? CustomerId { get; init; }

    /// <summary>The customer's accounts of the type asked for.</summary>
    public IReadOnlyList<AccountInfo> AccountInfos { get => field ?? []; init; }

    /// <summary>The customer's company and certificates.</summary>
    public AccountCustomer? Customer { get; init; }
}

/// <summary>One account.</summary>
/// <param name="AccountNo">The account number.</param>
/// <param name="AccountStatus"><c>ACTIVE</c> or <c>ABNORMAL</c>.</param>
/// <param name="AccountType">Its type.</param>
/// <param name="CurrencyList">Its currencies (ISO 4217).</param>
public sealed record AccountInfo(string AccountNo, string AccountStatus, string AccountType, IReadOnlyList<string> CurrencyList);

/// <summary>The customer behind the accounts.</summary>
/// <param name="CustomerCompanyName">The company's name.</param>
/// <param name="CustomerId">The global customer id.</param>
/// <param name="CertificateList">Its certificates.</param>
public sealed record AccountCustomer(string CustomerCompanyName, string CustomerId, IReadOnlyList<AccountCertificate> CertificateList);

/// <summary>One certificate of a customer.</summary>
/// <param name="CertificateNo">Its number.</param>
/// <param name="CertificateType">Its type, e.g. <c>ENTERPRISE_REGISTRATION</c>.</param>
public sealed record AccountCertificate(string CertificateNo, string CertificateType);

/// <summary>inquiryBalance's answer.</summary>
public sealed record InquiryBalanceAnswer : GlobalAnswer
{
    /// <summary>The global customer id.</summary>
    public string? CustomerId { get; init; }

    /// <summary>One entry per account and currency.</summary>
    public IReadOnlyList<AccountBalance> AccountBalances { get => field ?? []; init; }
}

/// <summary>One account's balance in one currency.</summary>
/// <param name="AccountNo">The account.</param>
/// <param name="AccountType">Its type.</param>
/// <param name="BalanceType"><c>NORMAL_BALANCE</c>.</param>
/// <param name="Currency">ISO 4217.</param>
/// <param name="AvailableBalance">Available.</param>
/// <param name="FrozenBalance">Frozen.</param>
/// <param name="TotalBalance">Available plus frozen.</param>
public sealed record AccountBalance(
    string AccountNo, string AccountType, string BalanceType, string Currency, Amount AvailableBalance, Amount FrozenBalance, Amount TotalBalance);

/// <summary>An amount: <paramref name="Value"/> in the currency's minor units, as a string (USD 98765.43 is <c>"9876543"</c>).</summary>
/// <param name="Currency">ISO 4217.</param>
/// <param name="Value">Minor units.</param>
public sealed record Amount(string Currency, string Value);

/// <summary>applyToken's answer.</summary>
public sealed record ApplyTokenAnswer : GlobalAnswer
{
    /// <summary>The customer the tokens are for.</summary>
    public string? CustomerId { get; init; }

    /// <summary>The access token (30 days).</summary>
    public string? AccessToken { get; init; }

    /// <summary>When it expires (ISO 8601, +08:00).</summary>
    public string? AccessTokenExpiryTime { get; init; }

    /// <summary>The refresh token.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>When it expires.</summary>
    public string? RefreshTokenExpiryTime { get; init; }
}

/// <summary>The JSON of the global account API: camelCase, nulls left out, source-generated.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InquiryAccountRequest))]
[JsonSerializable(typeof(InquiryBalanceRequest))]
[JsonSerializable(typeof(ApplyTokenRequest))]
[JsonSerializable(typeof(InquiryAccountAnswer))]
[JsonSerializable(typeof(InquiryBalanceAnswer))]
[JsonSerializable(typeof(ApplyTokenAnswer))]
[JsonSerializable(typeof(AnyGlobalAnswer))]
internal sealed partial class GlobalAccountsJson : JsonSerializerContext;

/// <summary>Only the result, for an operation without a typed answer.</summary>
internal sealed record AnyGlobalAnswer : GlobalAnswer;
