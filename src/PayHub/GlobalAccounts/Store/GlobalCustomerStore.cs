using System.Data.Common;
using System.Globalization;
using Dapper;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>
/// The customers of the global account API: <c>ga_customers</c>, their certificates, accounts and
/// balances. The inquiries read through the static methods inside their own <see cref="Database.Read"/>
/// (one connection and snapshot per request); the admin API through the instance.
/// </summary>
public sealed class GlobalCustomerStore(Database database)
{
    /// <summary>What an access token's grant says: kind, client, customer, expiry and whether it was revoked; null when unknown.</summary>
    public static (string Kind, string ClientId, string CustomerId, long ExpiresAtMs, bool Revoked)? Grant(PreparedStatements db, string tokenHash)
    {
        using var grant = db.Query("SELECT kind, client_id, customer_id, expires_at_ms, revoked FROM ga_grants WHERE grant_hash = @p0", tokenHash);
        return grant.Read() ? (grant.GetString(0), grant.GetString(1), grant.GetString(2), grant.GetInt64(3), grant.GetInt64(4) != 0) : null;
    }

    /// <summary>The customer a client calls by its own referenceCustomerId; null when none.</summary>
    public static string? CustomerIdByReference(PreparedStatements db, string clientId, string referenceCustomerId) =>
        db.Scalar("SELECT customer_id FROM ga_integrator_customers WHERE client_id = @p0 AND reference_customer_id = @p1", clientId, referenceCustomerId) as string;

    /// <summary>The customer's company and status, and whether it authorised the client (null: never linked); null when there is no such customer.</summary>
    public static (string CompanyName, string Status, bool? Authorised)? Customer(PreparedStatements db, string customerId, string clientId)
    {
        using var customer = db.Query(
            """
            SELECT c.company_name, c.status, a.authorised
            FROM ga_customers c LEFT JOIN ga_integrator_customers a ON a.customer_id = c.customer_id AND a.client_id = @p1
            WHERE c.customer_id = @p0
            """,
            customerId,
            clientId);
        return customer.Read() ? (customer.GetString(0), customer.GetString(1), customer.IsDBNull(2) ? null : customer.GetInt64(2) != 0) : null;
    }

    public static List<(string AccountNo, string Status, string Currencies)> Accounts(PreparedStatements db, string customerId, string? accountType)
    {
        using var reader = db.Query(
            "SELECT account_no, status, currencies FROM ga_accounts WHERE customer_id = @p0 AND account_type = @p1 ORDER BY account_no",
            customerId,
            accountType);
        var accounts = new List<(string, string, string)>();
        while (reader.Read())
        {
            accounts.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return accounts;
    }

    public static List<(string Type, string Number)> Certificates(PreparedStatements db, string customerId)
    {
        using var reader = db.Query("SELECT certificate_type, certificate_no FROM ga_certificates WHERE customer_id = @p0 ORDER BY certificate_type, certificate_no", customerId);
        var certificates = new List<(string, string)>();
        while (reader.Read())
        {
            certificates.Add((reader.GetString(0), reader.GetString(1)));
        }

        return certificates;
    }

    /// <summary>Every balance line of the customer's accounts (of one accountType, when given), by account and currency.</summary>
    public static List<(string AccountNo, string AccountType, string Currency, decimal Available, decimal Frozen)> Balances(PreparedStatements db, string customerId, string? accountType)
    {
        using var reader = db.Query(
            """
            SELECT b.account_no, a.account_type, b.currency, b.available, b.frozen FROM ga_balances b JOIN ga_accounts a ON a.account_no = b.account_no
            WHERE a.customer_id = @p0 AND (CAST(@p1 AS TEXT) IS NULL OR a.account_type = @p1) ORDER BY b.account_no, b.currency
            """,
            customerId,
            accountType);
        var lines = new List<(string, string, string, decimal, decimal)>();
        while (reader.Read())
        {
            lines.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture), decimal.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }

        return lines;
    }

    public List<GlobalCustomerView> Views()
    {
        using var connection = database.Open();
        return connection.Query<string>("SELECT customer_id FROM ga_customers ORDER BY customer_id").Select(id => View(connection, id)!).ToList();
    }

    public GlobalCustomerView? View(string customerId)
    {
        using var connection = database.Open();
        return View(connection, customerId);
    }

    /// <summary>Adds the customer with its certificates; null when the customerId is taken.</summary>
    public GlobalCustomerView? Create(string customerId, GlobalCustomerChange body, DateTimeOffset now)
    {
        using var connection = database.Open();
        using (var transaction = database.BeginWrite(connection))
        {
            var inserted = connection.Execute(
                "INSERT INTO ga_customers (customer_id, company_name, status, created_at) VALUES (@customerId, @CompanyName, @Status, @at) ON CONFLICT (customer_id) DO NOTHING",
                new { customerId, body.CompanyName, body.Status, at = now.ToString("O") },
                transaction);
            if (inserted == 0)
            {
                return null;
            }

            SaveCertificates(connection, transaction, customerId, body.Certificates);
            transaction.Commit();
        }

        return View(connection, customerId);
    }

    /// <summary>Changes company, status and (when given) certificates; null when there is no such customer.</summary>
    public GlobalCustomerView? Update(string customerId, GlobalCustomerChange body)
    {
        using var connection = database.Open();
        using (var transaction = database.BeginWrite(connection))
        {
            var updated = connection.Execute(
                "UPDATE ga_customers SET company_name = @CompanyName, status = @Status WHERE customer_id = @customerId",
                new { customerId, body.CompanyName, body.Status },
                transaction);
            if (updated == 0)
            {
                return null;
            }

            SaveCertificates(connection, transaction, customerId, body.Certificates);
            transaction.Commit();
        }

        return View(connection, customerId);
    }

    /// <summary>Adds or changes one account with its balances; the customer's view, or why not (no such customer, the account is another's).</summary>
    public (GlobalCustomerView? View, string? NotFound, string? Conflict) SetAccount(string customerId, string accountNo, AccountModel body, DateTimeOffset now)
    {
        using var connection = database.Open();
        using (var transaction = database.BeginWrite(connection))
        {
            if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM ga_customers WHERE customer_id = @customerId", new { customerId }, transaction) == 0)
            {
                return (null, "No customer " + customerId, null);
            }

            var owner = connection.ExecuteScalar<string?>("SELECT customer_id FROM ga_accounts WHERE account_no = @accountNo", new { accountNo }, transaction);
            if (owner is not null && owner != customerId)
            {
                return (null, null, $"Account {accountNo} belongs to another customer");
            }

            var at = now.ToString("O");
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
        }

        return (View(connection, customerId), null, null);
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
