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

    public List<CompanyView> Companies() =>
        database.Read(db => db.Rows<CompanyView>("SELECT company_id AS CompanyId, name AS Name FROM utility_companies ORDER BY company_id"));

    /// <summary>False when the companyId is taken.</summary>
    public bool CreateCompany(CompanyView company) =>
        database.Write(scope => scope.Execute(
            "INSERT INTO utility_companies (company_id, name) VALUES (@p0, @p1) ON CONFLICT (company_id) DO NOTHING", company.CompanyId, company.Name)) == 1;

    public bool CompanyExists(string companyId) => database.Read(db => UtilityStore.CompanyExists(db, companyId));

    public List<CustomerView> Customers(string companyId) =>
        database.Read(db => db.Rows<CustomerView>($"SELECT {CustomerColumns} FROM utility_customers WHERE company_id = @p0 ORDER BY bill_key", companyId));

    public CustomerView? Customer(string companyId, string billKey) =>
        database.Read(db => db.Row<CustomerView>($"SELECT {CustomerColumns} FROM utility_customers WHERE company_id = @p0 AND bill_key = @p1", companyId, billKey));

    /// <summary>False when the billKey is taken in the company; a contract number another customer has throws.</summary>
    public bool CreateCustomer(string companyId, CustomerChange body) =>
        database.Write(scope => scope.Execute(
            """
            INSERT INTO utility_customers (company_id, bill_key, contract_no, name, phone, address, customer_status, service_status, register_date)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8)
            ON CONFLICT (company_id, bill_key) DO NOTHING
            """,
            companyId, body.BillKey, body.ContractNo, body.Name, body.Phone, body.Address, body.CustomerStatus, body.ServiceStatus, body.RegisterDate)) == 1;

    /// <summary>False when there is no such customer; a contract number another customer has throws.</summary>
    public bool UpdateCustomer(string companyId, string billKey, CustomerChange body) =>
        database.Write(scope => scope.Execute(
            """
            UPDATE utility_customers SET contract_no = @p2, name = @p3, phone = @p4, address = @p5,
                customer_status = @p6, service_status = @p7, register_date = @p8
            WHERE company_id = @p0 AND bill_key = @p1
            """,
            companyId, billKey, body.ContractNo, body.Name, body.Phone, body.Address, body.CustomerStatus, body.ServiceStatus, body.RegisterDate)) == 1;

    public List<PaymentView> Payments(string companyId, string billKey) =>
        database.Read(db => db.Rows<PaymentView>(
            $"SELECT {PaymentColumns} FROM utility_payments WHERE company_id = @p0 AND bill_key = @p1 ORDER BY pay_date, id", companyId, billKey));

    /// <summary>Records a payment taken outside the bank interface; null when its (institution, date, TranSeq) is taken.</summary>
    public PaymentView? CreatePayment(string companyId, string billKey, PaymentCreate body, string instId, string tranSeq, string channel, DateTimeOffset now)
    {
        var id = database.Write(scope => scope.Scalar(
            """
            INSERT INTO utility_payments (company_id, bill_key, pay_date, amount_fen, inst_id, tran_date, tran_seq, channel, reversed_at, created_at)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p2, @p5, @p6, NULL, @p7)
            ON CONFLICT (inst_id, tran_date, tran_seq) DO NOTHING
            RETURNING id
            """,
            companyId, billKey, body.PayDate, body.AmountFen, instId, tranSeq, channel, now.ToString("O")));
        return id is null ? null : database.Read(db => db.Row<PaymentView>($"SELECT {PaymentColumns} FROM utility_payments WHERE id = @p0", id));
    }

    public List<BillView> Bills(string companyId, string billKey) =>
        database.Read(db => db.Rows<BillView>(
            $"SELECT {BillColumns} FROM utility_bills WHERE company_id = @p0 AND bill_key = @p1 ORDER BY bill_month", companyId, billKey));

    /// <summary>Issues an unpaid bill; a bill number or month already billed for the customer throws.</summary>
    public BillView CreateBill(string companyId, string billKey, string billNo, BillCreate body)
    {
        database.Write(scope => BillStore.InsertBill(scope, companyId, billKey, billNo, body));
        return database.Read(db => db.Row<BillView>($"SELECT {BillColumns} FROM utility_bills WHERE company_id = @p0 AND bill_no = @p1", companyId, billNo))!;
    }
}
