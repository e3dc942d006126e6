using System.Globalization;
using PayHub.Admin;

namespace PayHub.GlobalAccounts;

/// <summary>Admin resources of the global account API's customers: <c>/admin/global-customers</c>, their certificates, accounts and balances.</summary>
public static class GlobalCustomerAdminApi
{
    private static readonly string[] Statuses = ["ACTIVE", "FROZEN", "CLOSED"];

    public static RouteGroupBuilder MapGlobalCustomerAdmin(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/global-customers").WithTags("Global account API: customers");
        group.MapGet("", (GlobalCustomerStore store) => TypedResults.Ok(store.Views()))
            .WithName("ListGlobalCustomers").WithSummary("Every customer with its certificates, accounts and balances");

        group.MapGet("/{customerId}", (string customerId, GlobalCustomerStore store) =>
            store.View(customerId) is { } view ? Results.Ok(view) : AdminApi.NotFound("No customer " + customerId))
            .WithName("GetGlobalCustomer").Produces<GlobalCustomerView>(200).ProducesProblem(404).WithSummary("One customer");

        group.MapPost("", (GlobalCustomerChange body, GlobalCustomerStore store, TimeProvider clock) =>
        {
            var customerId = body.CustomerId ?? "2188" + Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(CultureInfo.InvariantCulture);
            var errors = Check(body);
            if (customerId is not { Length: >= 1 and <= 32 } || !customerId.All(char.IsAsciiLetterOrDigit))
            {
                errors["customerId"] = ["1 to 32 letters or digits"];
            }

            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            return store.Create(customerId, body, clock.GetUtcNow()) is { } created
                ? Results.Created($"/admin/global-customers/{customerId}", created)
                : AdminApi.Conflict($"Customer {customerId} exists");
        }).WithName("CreateGlobalCustomer").Produces<GlobalCustomerView>(201).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Adds a customer (customerId generated when left out)");

        group.MapPut("/{customerId}", (string customerId, GlobalCustomerChange body, GlobalCustomerStore store) =>
        {
            if (AdminApi.Invalid(Check(body)) is { } invalid)
            {
                return invalid;
            }

            return store.Update(customerId, body) is { } updated ? Results.Ok(updated) : AdminApi.NotFound("No customer " + customerId);
        }).WithName("UpdateGlobalCustomer").Produces<GlobalCustomerView>(200).ProducesProblem(404).ProducesValidationProblem().ProducesProblem(403).WithSummary("Changes company, status (ACTIVE, FROZEN, CLOSED) and certificates");

        group.MapPut("/{customerId}/accounts/{accountNo}", (string customerId, string accountNo, AccountModel body, GlobalCustomerStore store, TimeProvider clock) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (accountNo.Length is < 1 or > 34)
            {
                errors["accountNo"] = ["1 to 34 characters"];
            }

            if (!CustomerResolution.AccountTypes.Contains(body.AccountType ?? ""))
            {
                errors["accountType"] = ["one of " + string.Join(", ", CustomerResolution.AccountTypes)];
            }

            if (body.Status is not ("ACTIVE" or "ABNORMAL"))
            {
                errors["status"] = ["ACTIVE or ABNORMAL"];
            }

            if (body.Currencies is not { Count: > 0 } currencies || currencies.Any(c => c is not { Length: 3 } || !c.All(char.IsAsciiLetterUpper)))
            {
                errors["currencies"] = ["one or more ISO 4217 codes"];
            }

            foreach (var balance in body.Balances ?? [])
            {
                if (balance.Currency is null || body.Currencies?.Contains(balance.Currency) != true || balance.Available is null || balance.Available < 0 || balance.Frozen < 0
                    || decimal.Round(balance.Available.Value, BalanceInquiry.MinorUnits(balance.Currency)) != balance.Available
                    || decimal.Round(balance.Frozen ?? 0, BalanceInquiry.MinorUnits(balance.Currency)) != (balance.Frozen ?? 0))
                {
                    errors["balances"] = ["each {currency (one of the account's), available, frozen?}: not negative, no more decimals than the currency has"];
                }
            }

            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var (view, notFound, conflict) = store.SetAccount(customerId, accountNo, body, clock.GetUtcNow());
            return notFound is not null ? AdminApi.NotFound(notFound) : conflict is not null ? AdminApi.Conflict(conflict) : Results.Ok(view);
        }).WithName("SetGlobalAccount").Produces<GlobalCustomerView>(200).ProducesProblem(404).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Adds or changes one account of the customer, with its currencies and balances");

        return admin;
    }

    private static Dictionary<string, string[]> Check(GlobalCustomerChange body)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.CompanyName) || body.CompanyName.Length > 200)
        {
            errors["companyName"] = ["1 to 200 characters"];
        }

        if (!Statuses.Contains(body.Status))
        {
            errors["status"] = ["ACTIVE, FROZEN or CLOSED"];
        }

        if (body.Certificates?.Any(c => c.CertificateType is not { Length: >= 1 and <= 64 } || c.CertificateNo is not { Length: >= 1 and <= 64 }) == true)
        {
            errors["certificates"] = ["each {certificateType, certificateNo}, 1 to 64 characters"];
        }

        return errors;
    }
}
