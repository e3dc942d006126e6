using System.Data.Common;
using Dapper;

namespace PayHub.Utility;

/// <summary>A utility customer as stored: the account (billKey) at one company.</summary>
public sealed record CustomerRecord
{
    public string CompanyId { get; init; } = "";

    public string BillKey { get; init; } = "";

    public string? ContractNo { get; init; }

    public string Name { get; init; } = "";

    public string Phone { get; init; } = "";

    public string Address { get; init; } = "";

    public long CustomerStatus { get; init; }

    public long ServiceStatus { get; init; }

    public string RegisterDate { get; init; } = "";
}

/// <summary>Payment history of one customer, computed from the stored payments (reversed ones excluded).</summary>
public sealed record PaymentTotals
{
    public long Count { get; init; }

    public long AmountFen { get; init; }

    public string? LastPayDate { get; init; }
}

/// <summary>The family's reads of companies, customers and payments.</summary>
public static class UtilityStore
{
    private const string CustomerColumns =
        "company_id AS CompanyId, bill_key AS BillKey, contract_no AS ContractNo, name AS Name, phone AS Phone, address AS Address, " +
        "customer_status AS CustomerStatus, service_status AS ServiceStatus, register_date AS RegisterDate";

    public static Task<bool> CompanyExistsAsync(DbConnection connection, string companyId) =>
        connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM utility_companies WHERE company_id = @companyId)", new { companyId });

    public static Task<CustomerRecord?> FindCustomerAsync(DbConnection connection, string companyId, string billKey) =>
        connection.QuerySingleOrDefaultAsync<CustomerRecord>(
            $"SELECT {CustomerColumns} FROM utility_customers WHERE company_id = @companyId AND bill_key = @billKey",
            new { companyId, billKey });

    public static Task<CustomerRecord?> FindCustomerByContractAsync(DbConnection connection, string companyId, string contractNo) =>
        connection.QuerySingleOrDefaultAsync<CustomerRecord>(
            $"SELECT {CustomerColumns} FROM utility_customers WHERE company_id = @companyId AND contract_no = @contractNo",
            new { companyId, contractNo });

    public static Task<PaymentTotals> TotalsAsync(DbConnection connection, string companyId, string billKey) =>
        connection.QuerySingleAsync<PaymentTotals>(
            """
            SELECT COUNT(*) AS Count, COALESCE(SUM(amount_fen), 0) AS AmountFen, MAX(pay_date) AS LastPayDate
            FROM utility_payments
            WHERE company_id = @companyId AND bill_key = @billKey AND reversed_at IS NULL
            """,
            new { companyId, billKey });
}
