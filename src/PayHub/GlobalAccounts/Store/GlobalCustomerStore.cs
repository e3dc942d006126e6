using System.Globalization;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>
/// The customers of the global account API: <c>ga_customers</c>, their certificates, accounts and
/// balances. The inquiries read through the static methods inside their own <see cref="Database.ReadAsync{T}"/>
/// (one connection per request, no thread held while PostgreSQL answers); the admin API through the instance.
/// </summary>
public sealed class GlobalCustomerStore(Database database)
{
    /// <summary>What an access token's grant says: kind, client, customer, expiry and whether it was revoked; null when unknown.</summary>
    public static async ValueTask<(string Kind, string ClientId, string CustomerId, long ExpiresAtMs, bool Revoked)?> GrantAsync(PreparedStatements db, string tokenHash)
    {
        await using var grant = await db.QueryAsync("SELECT kind, client_id, customer_id, expires_at_ms, revoked FROM ga_grants WHERE grant_hash = @p0", tokenHash);
        return await grant.ReadAsync() ? (grant.GetString(0), grant.GetString(1), grant.GetString(2), grant.GetInt64(3), grant.GetInt64(4) != 0) : null;
    }

    /// <summary>
    /// The customer a client calls by its own referenceCustomerId, with its company, status and whether it authorised the
    /// client, in one statement (the link names the customer and says whether it authorised): null when none.
    /// </summary>
    public static async ValueTask<(string CustomerId, string CompanyName, string Status, bool Authorised)?> CustomerByReferenceAsync(PreparedStatements db, string clientId, string referenceCustomerId)
    {
        await using var customer = await db.QueryAsync(
            """
            SELECT c.customer_id, c.company_name, c.status, r.authorised
            FROM ga_integrator_customers r JOIN ga_customers c ON c.customer_id = r.customer_id
            WHERE r.client_id = @p0 AND r.reference_customer_id = @p1
            """,
            clientId,
            referenceCustomerId);
        return await customer.ReadAsync() ? (customer.GetString(0), customer.GetString(1), customer.GetString(2), customer.GetInt64(3) != 0) : null;
    }

    /// <summary>The customer's company and status, and whether it authorised the client (null: never linked); null when there is no such customer.</summary>
    public static async ValueTask<(string CompanyName, string Status, bool? Authorised)?> CustomerAsync(PreparedStatements db, string customerId, string clientId)
    {
        await using var customer = await db.QueryAsync(
            """
            SELECT c.company_name, c.status, a.authorised
            FROM ga_customers c LEFT JOIN ga_integrator_customers a ON a.customer_id = c.customer_id AND a.client_id = @p1
            WHERE c.customer_id = @p0
            """,
            customerId,
            clientId);
        return await customer.ReadAsync() ? (customer.GetString(0), customer.GetString(1), customer.IsDBNull(2) ? null : customer.GetInt64(2) != 0) : null;
    }

    /// <summary>
    /// The customer's accounts of one accountType (none when it is null), by account number, and its certificates, by type
    /// and number: one statement, so one round trip to PostgreSQL and one read of SQLite's log.
    /// </summary>
    public static async ValueTask<CustomerHoldings> HoldingsAsync(PreparedStatements db, string customerId, string? accountType)
    {
        await using var reader = await db.QueryAsync(
            """
            SELECT 1 AS part, account_no, status, currencies FROM ga_accounts WHERE customer_id = @p0 AND account_type = @p1
            UNION ALL
            SELECT 2, certificate_type, certificate_no, '' FROM ga_certificates WHERE customer_id = @p0
            ORDER BY 1, 2, 3
            """,
            customerId,
            accountType);
        var holdings = new CustomerHoldings([], []);
        while (await reader.ReadAsync())
        {
            holdings.Add(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }

        return holdings;
    }

    /// <summary>
    /// <see cref="CustomerByReferenceAsync"/> and <see cref="HoldingsAsync"/> in one statement, each part reaching the
    /// customer through the client's link: inquiryAccount's whole read in one round trip to PostgreSQL. Null when the
    /// client has no customer of that referenceCustomerId.
    /// </summary>
    public static async ValueTask<((string CustomerId, string CompanyName, string Status, bool Authorised) Customer, CustomerHoldings Holdings)?> CustomerByReferenceWithHoldingsAsync(
        PreparedStatements db, string clientId, string referenceCustomerId, string accountType)
    {
        await using var reader = await db.QueryAsync(
            """
            SELECT 0 AS part, c.customer_id, c.company_name, c.status, r.authorised
            FROM ga_integrator_customers r JOIN ga_customers c ON c.customer_id = r.customer_id
            WHERE r.client_id = @p0 AND r.reference_customer_id = @p1
            UNION ALL
            SELECT 1, a.account_no, a.status, a.currencies, 0
            FROM ga_integrator_customers r JOIN ga_accounts a ON a.customer_id = r.customer_id AND a.account_type = @p2
            WHERE r.client_id = @p0 AND r.reference_customer_id = @p1
            UNION ALL
            SELECT 2, t.certificate_type, t.certificate_no, '', 0
            FROM ga_integrator_customers r JOIN ga_certificates t ON t.customer_id = r.customer_id
            WHERE r.client_id = @p0 AND r.reference_customer_id = @p1
            ORDER BY 1, 2, 3
            """,
            clientId,
            referenceCustomerId,
            accountType);
        if (!await reader.ReadAsync() || reader.GetInt64(0) != 0)
        {
            return null;
        }

        var customer = (reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4) != 0);
        var holdings = new CustomerHoldings([], []);
        while (await reader.ReadAsync())
        {
            holdings.Add(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }

        return (customer, holdings);
    }

    /// <summary>Every balance line of the customer's accounts (of one accountType, when given), by account and currency.</summary>
    public static async ValueTask<List<(string AccountNo, string AccountType, string Currency, decimal Available, decimal Frozen)>> BalancesAsync(PreparedStatements db, string customerId, string? accountType)
    {
        await using var reader = await db.QueryAsync(
            """
            SELECT b.account_no, a.account_type, b.currency, b.available, b.frozen FROM ga_balances b JOIN ga_accounts a ON a.account_no = b.account_no
            WHERE a.customer_id = @p0 AND (CAST(@p1 AS TEXT) IS NULL OR a.account_type = @p1) ORDER BY b.account_no, b.currency
            """,
            customerId,
            accountType);
        var lines = new List<(string, string, string, decimal, decimal)>();
        while (await reader.ReadAsync())
        {
            lines.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture), decimal.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }

        return lines;
    }

    public List<GlobalCustomerView> Views() =>
        database.Read(db => db.Rows<string>("SELECT customer_id FROM ga_customers ORDER BY customer_id").Select(id => View(db, id)!).ToList());

    public GlobalCustomerView? View(string customerId) => database.Read(db => View(db, customerId));

    /// <summary>Adds the customer with its certificates; null when the customerId is taken.</summary>
    public GlobalCustomerView? Create(string customerId, GlobalCustomerChange body, DateTimeOffset now)
    {
        var inserted = database.Write(scope =>
        {
            if (scope.Execute(
                "INSERT INTO ga_customers (customer_id, company_name, status, created_at) VALUES (@p0, @p1, @p2, @p3) ON CONFLICT (customer_id) DO NOTHING",
                customerId, body.CompanyName, body.Status, now.ToString("O")) == 0)
            {
                return false;
            }

            SaveCertificates(scope, customerId, body.Certificates);
            return true;
        });
        return inserted ? View(customerId) : null;
    }

    /// <summary>Changes company, status and (when given) certificates; null when there is no such customer.</summary>
    public GlobalCustomerView? Update(string customerId, GlobalCustomerChange body)
    {
        var updated = database.Write(scope =>
        {
            if (scope.Execute("UPDATE ga_customers SET company_name = @p1, status = @p2 WHERE customer_id = @p0", customerId, body.CompanyName, body.Status) == 0)
            {
                return false;
            }

            SaveCertificates(scope, customerId, body.Certificates);
            return true;
        });
        return updated ? View(customerId) : null;
    }

    /// <summary>Adds or changes one account with its balances; the customer's view, or why not (no such customer, the account is another's).</summary>
    public (GlobalCustomerView? View, string? NotFound, string? Conflict) SetAccount(string customerId, string accountNo, AccountModel body, DateTimeOffset now)
    {
        var problem = database.Write(scope =>
        {
            if (scope.Scalar("SELECT 1 FROM ga_customers WHERE customer_id = @p0", customerId) is null)
            {
                return ("No customer " + customerId, (string?)null);
            }

            // Added, or changed only while it is this customer's: judged by the row count, so an account another customer
            // took meanwhile (on any node) is refused, never changed.
            var at = now.ToString("O");
            if (scope.Execute(
                """
                INSERT INTO ga_accounts (account_no, customer_id, account_type, status, currencies, created_at) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
                ON CONFLICT (account_no) DO UPDATE SET account_type = excluded.account_type, status = excluded.status, currencies = excluded.currencies
                WHERE ga_accounts.customer_id = excluded.customer_id
                """,
                accountNo, customerId, body.AccountType, body.Status, string.Join(' ', body.Currencies!), at) == 0)
            {
                return (null, $"Account {accountNo} belongs to another customer");
            }
            foreach (var balance in body.Balances ?? [])
            {
                scope.Execute(
                    """
                    INSERT INTO ga_balances (account_no, currency, available, frozen, updated_at) VALUES (@p0, @p1, @p2, @p3, @p4)
                    ON CONFLICT (account_no, currency) DO UPDATE SET available = excluded.available, frozen = excluded.frozen, updated_at = excluded.updated_at
                    """,
                    accountNo, balance.Currency, balance.Available!.Value.ToString(CultureInfo.InvariantCulture), (balance.Frozen ?? 0).ToString(CultureInfo.InvariantCulture), at);
            }

            return ((string?)null, (string?)null);
        });
        return problem is (null, null) ? (View(customerId), null, null) : (null, problem.Item1, problem.Item2);
    }

    private static void SaveCertificates(WriteScope scope, string customerId, IReadOnlyList<CertificateModel>? certificates)
    {
        if (certificates is null)
        {
            return;
        }

        scope.Execute("DELETE FROM ga_certificates WHERE customer_id = @p0", customerId);
        foreach (var certificate in certificates)
        {
            scope.Execute(
                "INSERT INTO ga_certificates (customer_id, certificate_type, certificate_no) VALUES (@p0, @p1, @p2) ON CONFLICT DO NOTHING",
                customerId, certificate.CertificateType, certificate.CertificateNo);
        }
    }

    private static GlobalCustomerView? View(PreparedStatements db, string customerId)
    {
        var customer = db.Row<(string Id, string Company, string Status)>("SELECT customer_id, company_name, status FROM ga_customers WHERE customer_id = @p0", customerId);
        if (customer.Id is null)
        {
            return null;
        }

        var certificates = db.Rows<CertificateModel>(
            "SELECT certificate_type AS CertificateType, certificate_no AS CertificateNo FROM ga_certificates WHERE customer_id = @p0 ORDER BY certificate_type", customerId);
        var balances = db.Rows<(string AccountNo, string Currency, string Available, string Frozen)>(
                "SELECT b.account_no, b.currency, b.available, b.frozen FROM ga_balances b JOIN ga_accounts a ON a.account_no = b.account_no WHERE a.customer_id = @p0", customerId)
            .ToLookup(b => b.AccountNo, b => new BalanceModel(b.Currency, decimal.Parse(b.Available, CultureInfo.InvariantCulture), decimal.Parse(b.Frozen, CultureInfo.InvariantCulture)));
        var accounts = db.Rows<(string No, string Type, string Status, string Currencies)>(
                "SELECT account_no, account_type, status, currencies FROM ga_accounts WHERE customer_id = @p0 ORDER BY account_no", customerId)
            .Select(a => new AccountModel(a.No, a.Type, a.Status, a.Currencies.Split(' ', StringSplitOptions.RemoveEmptyEntries), balances[a.No].ToList()))
            .ToList();
        return new GlobalCustomerView(customer.Id, customer.Company, customer.Status, certificates, accounts);
    }
}
