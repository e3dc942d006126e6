using System.Data.Common;
using Dapper;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>
/// What CustomerCheck reads: whether the company exists, the customer, and the payment history
/// computed from the stored payments (reversed ones excluded). BillKey is null when no customer matched.
/// </summary>
public sealed record CustomerCheckRow
{
    public long CompanyFound { get; init; }

    public string? BillKey { get; init; }

    public string? ContractNo { get; init; }

    public string Name { get; init; } = "";

    public string Phone { get; init; } = "";

    public string Address { get; init; } = "";

    public long CustomerStatus { get; init; }

    public long ServiceStatus { get; init; }

    public string RegisterDate { get; init; } = "";

    public long PayCount { get; init; }

    public long PayAmountFen { get; init; }

    public string? LastPayDate { get; init; }
}

/// <summary>The family's reads of companies, customers and payments.</summary>
public static class UtilityStore
{
    private const string CustomerSql = """
        SELECT EXISTS (SELECT 1 FROM utility_companies WHERE company_id = @p0),
               c.bill_key, c.contract_no, c.name, c.phone, c.address, c.customer_status, c.service_status, c.register_date
        FROM (SELECT 1 AS one) AS q
        LEFT JOIN utility_customers c ON c.company_id = @p0 AND
        """;

    private const string ByBillKeySql = CustomerSql + " c.bill_key = @p1";
    private const string ByContractSql = CustomerSql + " c.contract_no = @p1";

    /// <summary>Count, sum and last date of the payments that stand, read from the covering index alone.</summary>
    private const string TotalsSql = """
        SELECT COUNT(*), COALESCE(SUM(amount_fen), 0), MAX(pay_date) FROM utility_payments
        WHERE company_id = @p0 AND bill_key = @p1 AND reversed_at IS NULL
        """;

    public static Task<bool> CompanyExistsAsync(DbConnection connection, string companyId) =>
        connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM utility_companies WHERE company_id = @companyId)", new { companyId });

    /// <summary>Whether the company exists, the customer found by billKey (queryType 0) or contractNo (1), and its payment history.</summary>
    public static CustomerCheckRow FindForCustomerCheck(PreparedStatements sql, string companyId, bool byBillKey, string identifier)
    {
        CustomerCheckRow row;
        using (var reader = sql.Query(byBillKey ? ByBillKeySql : ByContractSql, companyId, identifier))
        {
            reader.Read();
            row = reader.IsDBNull(1)
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
                };
        }

        if (row.BillKey is null)
        {
            return row;
        }

        using var totals = sql.Query(TotalsSql, companyId, row.BillKey);
        totals.Read();
        return row with
        {
            PayCount = totals.GetInt64(0),
            PayAmountFen = totals.GetInt64(1),
            LastPayDate = totals.IsDBNull(2) ? null : totals.GetString(2),
        };
    }
}
