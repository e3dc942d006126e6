using System.Text.Json.Serialization;

namespace PayHub.Client.GlobalAccounts;

/// <summary>inquiryAccount (the seed): a customer's accounts of one type. Give the identifier the accountType needs.</summary>
public sealed record InquiryAccountRequest
{
    /// <summary><c>RECEIVE_ACCOUNT</c>, <c>ALIPAY_WALLET</c> (by referenceCustomerId), <c>VIRTUAL_ACCOUNT</c> (by accessToken), <c>ALIPAY_SHADOW_WALLET</c> (by customerId).</summary>
    public required string AccountType { get; init; }

    /// <summary>The integrator's own id of its user.</summary>
    public string? ReferenceCustomerId { get; init; }

    /// <summary>An access token from applyToken.</summary>
    public string? AccessToken { get; init; }

    /// <summary>The global customer id.</summary>
    public string? CustomerId { get; init; }
}

/// <summary>inquiryBalance: balances of the customer named by exactly one of the two headers.</summary>
public sealed record InquiryBalanceRequest
{
    /// <summary>Sent as the <c>Connected-CustomerId</c> header: a customer the integrator manages.</summary>
    [JsonIgnore]
    public string? ConnectedCustomerId { get; init; }

    /// <summary>Sent as the <c>Access-Token</c> header: an access token from applyToken.</summary>
    [JsonIgnore]
    public string? AccessToken { get; init; }

    /// <summary>ISO 4217 codes; null: every currency.</summary>
    public IReadOnlyList<string>? CurrencyList { get; init; }

    /// <summary><c>NORMAL_BALANCE</c> (the default) or <c>SAME_NAME_TOP_UP_BALANCE</c>.</summary>
    public IReadOnlyList<string>? BalanceTypes { get; init; }
}

/// <summary>applyToken: tokens for an authorisation code, or new ones for a refresh token.</summary>
public sealed record ApplyTokenRequest
{
    /// <summary><c>AUTHORIZATION_CODE</c> (with <see cref="AuthCode"/>) or <c>REFRESH_TOKEN</c> (with <see cref="RefreshToken"/>).</summary>
    public required string GrantType { get; init; }

    /// <summary>An authorisation code; one use, 10 minutes.</summary>
    public string? AuthCode { get; init; }

    /// <summary>A refresh token from an earlier applyToken.</summary>
    public string? RefreshToken { get; init; }
}
