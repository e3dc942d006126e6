using System.Text.Json;
using PayHub.Protocols.GlobalAccounts;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>
/// Finds the customer an inquiry names, by the accountType's identifier (SPEC.md C):
/// RECEIVE_ACCOUNT and ALIPAY_WALLET by <c>referenceCustomerId</c> (the client's own user id),
/// VIRTUAL_ACCOUNT by <c>accessToken</c>, ALIPAY_SHADOW_WALLET by <c>customerId</c>. Refusals in
/// SPEC order: PARAM_ILLEGAL, UN_SUPPORT_BUSINESS, AUTHORIZATION_NOT_EXIST, ACCESS_TOKEN_EXPIRED,
/// ACCOUNT_NOT_EXIST, ACCESS_DENIED, PROCESS_FAIL.
/// </summary>
public sealed class CustomerResolution(Database database, SecretHasher hasher, Sandbox.BusinessClock clock)
{
    public static IReadOnlyList<string> AccountTypes { get; } = ["RECEIVE_ACCOUNT", "ALIPAY_WALLET", "VIRTUAL_ACCOUNT", "ALIPAY_SHADOW_WALLET"];

    /// <summary>The identifier field each accountType needs.</summary>
    public static string IdentifierOf(string accountType) => accountType switch
    {
        "VIRTUAL_ACCOUNT" => "accessToken",
        "ALIPAY_SHADOW_WALLET" => "customerId",
        _ => "referenceCustomerId",
    };

    /// <summary>Reads accountType and its identifier; <paramref name="problems"/> gets what is missing or malformed.</summary>
    public static (string? AccountType, string? Identifier) Read(JsonElement body, List<string> problems)
    {
        var accountType = GlobalFields.Text(body, "accountType", problems);
        string? identifier = null;
        foreach (var name in (string[])["referenceCustomerId", "customerId", "accessToken"])
        {
            var value = GlobalFields.Text(body, name, problems);
            if (accountType is not null && name == IdentifierOf(accountType))
            {
                identifier = value;
            }
        }

        if (accountType is null)
        {
            if (problems.Count == 0)
            {
                problems.Add("accountType is required");
            }
        }
        else if (!AccountTypes.Contains(accountType))
        {
            problems.Add("accountType must be one of " + string.Join(", ", AccountTypes));
        }
        else if (identifier is null && problems.Count == 0)
        {
            problems.Add($"{IdentifierOf(accountType)} is required for {accountType}");
        }

        return (accountType, identifier);
    }

    public async ValueTask<(Result? Refusal, GlobalCustomer? Customer)> ResolveAsync(Integrator client, JsonElement body)
    {
        var (refusal, customer, _) = await ResolveAsync(client, body, withHoldings: false);
        return (refusal, customer);
    }

    /// <summary>
    /// <see cref="ResolveAsync(Integrator, JsonElement)"/> and, in the same read, the customer's accounts of the asked
    /// accountType and its certificates (inquiryAccount's answer); named by referenceCustomerId, one statement reads both.
    /// The holdings are null whenever there is a refusal.
    /// </summary>
    public ValueTask<(Result? Refusal, GlobalCustomer? Customer, CustomerHoldings? Holdings)> ResolveWithHoldingsAsync(Integrator client, JsonElement body) =>
        ResolveAsync(client, body, withHoldings: true);

    private ValueTask<(Result? Refusal, GlobalCustomer? Customer, CustomerHoldings? Holdings)> ResolveAsync(Integrator client, JsonElement body, bool withHoldings)
    {
        var problems = new List<string>();
        var (accountType, identifier) = Read(body, problems);
        if (problems.Count > 0)
        {
            return ValueTask.FromResult<(Result?, GlobalCustomer?, CustomerHoldings?)>((ResultCode.ParamIllegal.With(string.Join("; ", problems)), null, null));
        }

        if (!client.AccountTypes.Contains(accountType!))
        {
            return ValueTask.FromResult<(Result?, GlobalCustomer?, CustomerHoldings?)>((ResultCode.UnSupportBusiness.With($"this client is not enabled for {accountType}"), null, null));
        }

        return FindAsync(client, accountType!, IdentifierOf(accountType!), identifier!, withHoldings);
    }

    /// <summary>
    /// The customer named as WorldFirst's own inquiryBalance names it, in a header: <c>Connected-CustomerId</c>
    /// (the customerId, for a partner managing that customer's account) or <c>Access-Token</c> (from
    /// applyToken). Null when neither header is there (the body may name the customer instead).
    /// The customer's <see cref="GlobalCustomer.AccountType"/> is then null: every account type the client is enabled for.
    /// </summary>
    public async ValueTask<(Result? Refusal, GlobalCustomer? Customer)?> ResolveByHeaderAsync(Integrator client, IHeaderDictionary headers)
    {
        var connected = headers["Connected-CustomerId"].ToString();
        var accessToken = headers["Access-Token"].ToString();
        if (connected.Length == 0 && accessToken.Length == 0)
        {
            return null;
        }

        if (connected.Length > 0 && accessToken.Length > 0)
        {
            return (ResultCode.ParamIllegal.With("name the customer by Connected-CustomerId or by Access-Token, not both"), null);
        }

        var (name, value) = connected.Length > 0 ? ("Connected-CustomerId", connected) : ("Access-Token", accessToken);
        if (value.Length > GlobalFields.MaxLength)
        {
            return (ResultCode.ParamIllegal.With($"{name} is longer than {GlobalFields.MaxLength} characters"), null);
        }

        var (refusal, customer, _) = await FindAsync(client, null, connected.Length > 0 ? "customerId" : "accessToken", value, withHoldings: false);
        return (refusal, customer);
    }

    /// <summary>
    /// Finds the customer by one identifier (<c>accessToken</c>, <c>customerId</c> or <c>referenceCustomerId</c>) and checks it
    /// may be shown to the client; with <paramref name="withHoldings"/>, reads its holdings on the same connection.
    /// </summary>
    private ValueTask<(Result? Refusal, GlobalCustomer? Customer, CustomerHoldings? Holdings)> FindAsync(
        Integrator client, string? accountType, string identifierKind, string identifier, bool withHoldings)
    {
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var tokenHash = identifierKind == "accessToken" ? hasher.Hash(identifier) : null;
        return database.ReadAsync<(Result?, GlobalCustomer?, CustomerHoldings?)>(async db =>
        {
            string customerId;
            (string CompanyName, string Status, bool? Authorised)? found;
            CustomerHoldings? holdings = null;
            if (tokenHash is not null)
            {
                if (await GlobalCustomerStore.GrantAsync(db, tokenHash) is not { Kind: "access", Revoked: false } grant || grant.ClientId != client.ClientId)
                {
                    return (ResultCode.AuthorizationNotExist, null, null);
                }

                if (grant.ExpiresAtMs <= nowMs)
                {
                    return (ResultCode.AccessTokenExpired, null, null);
                }

                customerId = grant.CustomerId;
                found = await GlobalCustomerStore.CustomerAsync(db, customerId, client.ClientId);
            }
            else if (identifierKind == "customerId")
            {
                customerId = identifier;
                found = await GlobalCustomerStore.CustomerAsync(db, customerId, client.ClientId);
            }
            else if (withHoldings && await GlobalCustomerStore.CustomerByReferenceWithHoldingsAsync(db, client.ClientId, identifier, accountType!) is { } withRead)
            {
                (customerId, var companyName, var status, var authorised) = withRead.Customer;
                found = (companyName, status, authorised);
                holdings = withRead.Holdings;
            }
            else if (!withHoldings && await GlobalCustomerStore.CustomerByReferenceAsync(db, client.ClientId, identifier) is { } referenced)
            {
                customerId = referenced.CustomerId;
                found = (referenced.CompanyName, referenced.Status, referenced.Authorised);
            }
            else
            {
                return (ResultCode.AccountNotExist, null, null);
            }

            if (found is not { } customer)
            {
                return (ResultCode.AccountNotExist, null, null);
            }

            if (customer.Authorised is not true)
            {
                return (ResultCode.AccessDenied.With("the customer has not authorised this client"), null, null);
            }

            if (customer.Status != "ACTIVE")
            {
                return (ResultCode.ProcessFail.With("the customer's account is " + customer.Status.ToLowerInvariant()), null, null);
            }

            if (withHoldings)
            {
                holdings ??= await GlobalCustomerStore.HoldingsAsync(db, customerId, accountType);
            }

            return (null, new GlobalCustomer(customerId, customer.CompanyName, accountType), holdings);
        });
    }
}
