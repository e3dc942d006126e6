using System.Data.Common;
using System.Globalization;
using Dapper;
using PayHub.Admin;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>Admin resources of the global account API's customers: <c>/admin/global-customers</c>, their certificates, accounts and balances.</summary>
public static class GlobalCustomerAdminApi
{
    private static readonly string[] Statuses = ["ACTIVE", "FROZEN", "CLOSED"];

    public static RouteGroupBuilder MapGlobalCustomerAdmin(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/global-customers").WithTags("Global account API: customers");
        group.MapGet("", (Database database) =>
        {
            using var connection = database.Open();
            return TypedResults.Ok(connection.Query<string>("SELECT customer_id FROM ga_customers ORDER BY customer_id").Select(id => View(connection, id)!).ToList());
        }).WithName("ListGlobalCustomers").WithSummary("Every customer with its certificates, accounts and balances");

        group.MapGet("/{customerId}", (string customerId, Database database) =>
        {
            using var connection = database.Open();
            return View(connection, customerId) is { } view ? Results.Ok(view) : AdminApi.NotFound("No customer " + customerId);
        }).WithName("GetGlobalCustomer").WithSummary("One customer");

        group.MapPost("", (GlobalCustomerChange body, Database database, TimeProvider clock) =>
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

            using var connection = database.Open();
            using var transaction = database.BeginWrite(connection);
            var inserted = connection.Execute(
                "INSERT INTO ga_customers (customer_id, company_name, status, created_at) VALUES (@customerId, @CompanyName, @Status, @at) ON CONFLICT (customer_id) DO NOTHING",
                new { customerId, body.CompanyName, body.Status, at = clock.GetUtcNow().ToString("O") },
                transaction);
            if (inserted == 0)
            {
                return AdminApi.Conflict($"Customer {customerId} exists");
            }

            SaveCertificates(connection, transaction, customerId, body.Certificates);
            transaction.Commit();
            return Results.Created($"/admin/global-customers/{customerId}", View(connection, customerId));
        }).WithName("CreateGlobalCustomer").WithSummary("Adds a customer (customerId generated when left out)");

        group.MapPut("/{customerId}", (string customerId, GlobalCustomerChange body, Database database) =>
        {
            if (AdminApi.Invalid(Check(body)) is { } invalid)
            {
                return invalid;
            }

            using var connection = database.Open();
            using var transaction = database.BeginWrite(connection);
            var updated = connection.Execute(
                "UPDATE ga_customers SET company_name = @CompanyName, status = @Status WHERE customer_id = @customerId",
                new { customerId, body.CompanyName, body.Status },
                transaction);
            if (updated == 0)
            {
                return AdminApi.NotFound("No customer " + customerId);
            }

            SaveCertificates(connection, transaction, customerId, body.Certificates);
            transaction.Commit();
            return Results.Ok(View(connection, customerId));
        }).WithName("UpdateGlobalCustomer").WithSummary("Changes company, status (ACTIVE, FROZEN, CLOSED) and certificates");

        group.MapPut("/{customerId}/accounts/{accountNo}", (string customerId, string accountNo, AccountModel body, Database database, TimeProvider clock) =>
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

            using var connection = database.Open();
            if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM ga_customers WHERE customer_id = @customerId", new { customerId }) == 0)
            {
                return AdminApi.NotFound("No customer " + customerId);
            }

            var owner = connection.ExecuteScalar<string?>("SELECT customer_id FROM ga_accounts WHERE account_no = @accountNo", new { accountNo });
            if (owner is not null && owner != customerId)
            {
                return AdminApi.Conflict($"Account {accountNo} belongs to another customer");
            }

            var at = clock.GetUtcNow().ToString("O");
            using var transaction = database.BeginWrite(connection);
            connection.Execute(
                """
                INSERT INTO ga_accounts (account_no, customer_id, account_type, status, currencies, created_at) VALUES (@accountNo, @customerId, @AccountType, @Status, @currencies, @at)
                ON CONFLICT (account_no) DO UPDATE SET account_type = excluded.account_type, status = excluded.status, currencies = excluded.currencies
                """,
                new { accountNo, customerId, body.AccountType, body.Status, currencies = string.Join(' ', body.Currencies!), at },
                transaction);
            foreach (var balance in body.Balances ?? [])
            {
                connection.Execute(
                    """
                    INSERT INTO ga_balances (account_no, currency, available, frozen, updated_at) VALUES (@accountNo, @Currency, @available, @frozen, @at)
                    ON CONFLICT (account_no, currency) DO UPDATE SET available = excluded.available, frozen = excluded.frozen, updated_at = excluded.updated_at
                    """,
                    new { accountNo, balance.Currency, available = balance.Available!.Value.ToString(CultureInfo.InvariantCulture), frozen = (balance.Frozen ?? 0).ToString(CultureInfo.InvariantCulture), at },
                    transaction);
            }

            transaction.Commit();
            return Results.Ok(View(connection, customerId));
        }).WithName("SetGlobalAccount").WithSummary("Adds or changes one account of the customer, with its currencies and balances");

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

    private static void SaveCertificates(DbConnection connection, DbTransaction transaction, string customerId, IReadOnlyList<CertificateModel>? certificates)
    {
        if (certificates is null)
        {
            return;
        }

        connection.Execute("DELETE FROM ga_certificates WHERE customer_id = @customerId", new { customerId }, transaction);
        connection.Execute(
            "INSERT INTO ga_certificates (customer_id, certificate_type, certificate_no) VALUES (@customerId, @CertificateType, @CertificateNo) ON CONFLICT DO NOTHING",
            certificates.Select(c => new { customerId, c.CertificateType, c.CertificateNo }),
            transaction);
    }

    private static GlobalCustomerView? View(DbConnection connection, string customerId)
    {
        var customer = connection.QuerySingleOrDefault<(string Id, string Company, string Status)>(
            "SELECT customer_id, company_name, status FROM ga_customers WHERE customer_id = @customerId", new { customerId });
        if (customer.Id is null)
        {
            return null;
        }

        var certificates = connection.Query<CertificateModel>(
            "SELECT certificate_type AS CertificateType, certificate_no AS CertificateNo FROM ga_certificates WHERE customer_id = @customerId ORDER BY certificate_type", new { customerId }).ToList();
        var balances = connection.Query<(string AccountNo, string Currency, string Available, string Frozen)>(
                "SELECT b.account_no, b.currency, b.available, b.frozen FROM ga_balances b JOIN ga_accounts a ON a.account_no = b.account_no WHERE a.customer_id = @customerId", new { customerId })
            .ToLookup(b => b.AccountNo, b => new BalanceModel(b.Currency, decimal.Parse(b.Available, CultureInfo.InvariantCulture), decimal.Parse(b.Frozen, CultureInfo.InvariantCulture)));
        var accounts = connection.Query<(string No, string Type, string Status, string Currencies)>(
                "SELECT account_no, account_type, status, currencies FROM ga_accounts WHERE customer_id = @customerId ORDER BY account_no", new { customerId })
            .Select(a => new AccountModel(a.No, a.Type, a.Status, a.Currencies.Split(' ', StringSplitOptions.RemoveEmptyEntries), balances[a.No].ToList()))
            .ToList();
        return new GlobalCustomerView(customer.Id, customer.Company, customer.Status, certificates, accounts);
    }
}
