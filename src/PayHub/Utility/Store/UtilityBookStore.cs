using Dapper;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>
/// The utility's own books as the admin API keeps them: companies, customers, payments taken outside
/// the bank interface, and bills. A unique-key conflict the caller must name (a contract number
/// another customer has, a bill month already billed) surfaces as the database's exception, for
/// <see cref="Database.IsUniqueViolation"/>.
/// </summary>
public sealed class UtilityBookStore(Database database)
{
    private const string CustomerColumns =
        "company_id AS CompanyId, bill_key AS BillKey, contract_no AS ContractNo, name AS Name, phone AS Phone, address AS Address, " +
        "customer_status AS CustomerStatus, service_status AS ServiceStatus, register_date AS RegisterDate";

    private const string PaymentColumns =
        "id AS Id, company_id AS CompanyId, bill_key AS BillKey, pay_date AS PayDate, amount_fen AS AmountFen, inst_id AS InstId, " +
        "tran_date AS TranDate, tran_seq AS TranSeq, channel AS Channel, reversed_at AS ReversedAt";

    private const string BillColumns =
        "company_id AS CompanyId, bill_no AS BillNo, bill_key AS BillKey, bill_month AS BillMonth, amount_fen AS AmountFen, " +
        "late_fee_fen AS LateFeeFen, payment_id AS PaymentId";

    public async Task<List<CompanyView>> CompaniesAsync()
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<CompanyView>("SELECT company_id AS CompanyId, name AS Name FROM utility_companies ORDER BY company_id")).ToList();
    }

    /// <summary>False when the companyId is taken.</summary>
    public async Task<bool> CreateCompanyAsync(CompanyView company) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            "INSERT INTO utility_companies (company_id, name) VALUES (@CompanyId, @Name) ON CONFLICT (company_id) DO NOTHING", company, transaction)) == 1;

    public async Task<bool> CompanyExistsAsync(string companyId)
    {
        await using var connection = await database.OpenAsync();
        return await UtilityStore.CompanyExistsAsync(connection, companyId);
    }

    public async Task<List<CustomerView>> CustomersAsync(string companyId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<CustomerView>($"SELECT {CustomerColumns} FROM utility_customers WHERE company_id = @companyId ORDER BY bill_key", new { companyId })).ToList();
    }

    public async Task<CustomerView?> CustomerAsync(string companyId, string billKey)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<CustomerView>(
            $"SELECT {CustomerColumns} FROM utility_customers WHERE company_id = @companyId AND bill_key = @billKey", new { companyId, billKey });
    }

    /// <summary>False when the billKey is taken in the company; a contract number another customer has throws.</summary>
    public async Task<bool> CreateCustomerAsync(string companyId, CustomerChange body) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            """
            INSERT INTO utility_customers (company_id, bill_key, contract_no, name, phone, address, customer_status, service_status, register_date)
            VALUES (@companyId, @BillKey, @ContractNo, @Name, @Phone, @Address, @CustomerStatus, @ServiceStatus, @RegisterDate)
            ON CONFLICT (company_id, bill_key) DO NOTHING
            """,
            new { companyId, body.BillKey, body.ContractNo, body.Name, body.Phone, body.Address, body.CustomerStatus, body.ServiceStatus, body.RegisterDate },
            transaction)) == 1;

    /// <summary>False when there is no such customer; a contract number another customer has throws.</summary>
    public async Task<bool> UpdateCustomerAsync(string companyId, string billKey, CustomerChange body) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            """
            UPDATE utility_customers SET contract_no = @ContractNo, name = @Name, phone = @Phone, address = @Address,
                customer_status = @CustomerStatus, service_status = @ServiceStatus, register_date = @RegisterDate
            WHERE company_id = @companyId AND bill_key = @billKey
            """,
            new { companyId, billKey, body.ContractNo, body.Name, body.Phone, body.Address, body.CustomerStatus, body.ServiceStatus, body.RegisterDate },
            transaction)) == 1;

    public async Task<List<PaymentView>> PaymentsAsync(string companyId, string billKey)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<PaymentView>(
            $"SELECT {PaymentColumns} FROM utility_payments WHERE company_id = @companyId AND bill_key = @billKey ORDER BY pay_date, id",
            new { companyId, billKey })).ToList();
    }

    /// <summary>Records a payment taken outside the bank interface; null when its (institution, date, TranSeq) is taken.</summary>
    public async Task<PaymentView?> CreatePaymentAsync(string companyId, string billKey, PaymentCreate body, string instId, string tranSeq, string channel, DateTimeOffset now)
    {
        var id = await database.WriteAsync((connection, transaction) => connection.ExecuteScalarAsync<long?>(
            """
            INSERT INTO utility_payments (company_id, bill_key, pay_date, amount_fen, inst_id, tran_date, tran_seq, channel, reversed_at, created_at)
            VALUES (@companyId, @billKey, @PayDate, @AmountFen, @instId, @PayDate, @tranSeq, @channel, NULL, @at)
            ON CONFLICT (inst_id, tran_date, tran_seq) DO NOTHING
            RETURNING id
            """,
            new { companyId, billKey, body.PayDate, body.AmountFen, instId, tranSeq, channel, at = now.ToString("O") },
            transaction));
        if (id is null)
        {
            return null;
        }

        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleAsync<PaymentView>($"SELECT {PaymentColumns} FROM utility_payments WHERE id = @id", new { id });
    }

    public async Task<List<BillView>> BillsAsync(string companyId, string billKey)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<BillView>(
            $"SELECT {BillColumns} FROM utility_bills WHERE company_id = @companyId AND bill_key = @billKey ORDER BY bill_month",
            new { companyId, billKey })).ToList();
    }

    /// <summary>Issues an unpaid bill; a bill number or month already billed for the customer throws.</summary>
    public async Task<BillView> CreateBillAsync(string companyId, string billKey, string billNo, BillCreate body)
    {
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            """
            INSERT INTO utility_bills (company_id, bill_no, bill_key, bill_month, amount_fen, late_fee_fen, payment_id)
            VALUES (@companyId, @billNo, @billKey, @BillMonth, @AmountFen, @lateFee, NULL)
            """,
            new { companyId, billNo, billKey, body.BillMonth, body.AmountFen, lateFee = body.LateFeeFen ?? 0 },
            transaction));
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleAsync<BillView>($"SELECT {BillColumns} FROM utility_bills WHERE company_id = @companyId AND bill_no = @billNo", new { companyId, billNo });
    }
}
