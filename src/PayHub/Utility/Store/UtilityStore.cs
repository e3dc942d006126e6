using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>The family's reads of companies, customers and payments.</summary>
public static class UtilityStore
{
    /// <summary>
    /// One statement (one read transaction): the company's existence, and the customer with its
    /// payment totals, which the database keeps beside it from the stored payments (migration 0007).
    /// </summary>
    private const string CustomerSql = """
        SELECT CASE WHEN EXISTS (SELECT 1 FROM utility_companies WHERE company_id = @p0) THEN 1 ELSE 0 END,
               c.bill_key, c.contract_no, c.name, c.phone, c.address, c.customer_status, c.service_status, c.register_date,
               c.pay_count, c.pay_amount_fen, c.last_pay_date
        FROM (SELECT 1 AS one) AS q
        LEFT JOIN utility_customers c ON c.company_id = @p0 AND
        """;

    private const string ByBillKeySql = CustomerSql + " c.bill_key = @p1";
    private const string ByContractSql = CustomerSql + " c.contract_no = @p1";

    public static bool CompanyExists(PreparedStatements db, string companyId) =>
        db.Scalar("SELECT 1 FROM utility_companies WHERE company_id = @p0", companyId) is not null;

    /// <summary>Whether the company exists, the customer found by billKey (queryType 0) or contractNo (1), and its payment history.</summary>
    public static async ValueTask<CustomerCheckRow> FindForCustomerCheckAsync(PreparedStatements sql, string companyId, bool byBillKey, string identifier)
    {
        await using var reader = await sql.QueryAsync(byBillKey ? ByBillKeySql : ByContractSql, companyId, identifier);
        await reader.ReadAsync();
        return reader.IsDBNull(1)
            ? new CustomerCheckRow { CompanyFound = reader.GetInt64(0) }
            : new CustomerCheckRow
            {
                CompanyFound = reader.GetInt64(0),
                BillKey = reader.GetString(1),
                ContractNo = reader.IsDBNull(2) ? null : reader.GetString(2),
                Name = reader.GetString(3),
                Phone = reader.GetString(4),
                Address = reader.GetString(5),
                CustomerStatus = reader.GetInt64(6),
                ServiceStatus = reader.GetInt64(7),
                RegisterDate = reader.GetString(8),
                PayCount = reader.GetInt64(9),
                PayAmountFen = reader.GetInt64(10),
                LastPayDate = reader.IsDBNull(11) ? null : reader.GetString(11),
            };
    }
}
