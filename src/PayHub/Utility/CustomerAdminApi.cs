using Dapper;
using PayHub.Admin;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>Admin resources for the utility's own books: <c>/admin/companies</c>, their customers and payments.</summary>
public static class CustomerAdminApi
{
    private const string CustomerColumns =
        "company_id AS CompanyId, bill_key AS BillKey, contract_no AS ContractNo, name AS Name, phone AS Phone, address AS Address, " +
        "customer_status AS CustomerStatus, service_status AS ServiceStatus, register_date AS RegisterDate";

    private const string PaymentColumns =
        "id AS Id, company_id AS CompanyId, bill_key AS BillKey, pay_date AS PayDate, amount_fen AS AmountFen, inst_id AS InstId, " +
        "tran_date AS TranDate, tran_seq AS TranSeq, channel AS Channel, reversed_at AS ReversedAt";

    public static RouteGroupBuilder MapCustomerAdmin(this RouteGroupBuilder admin)
    {
        var companies = admin.MapGroup("/companies").WithTags("Utility billing: companies and customers");

        companies.MapGet("", async (Database database) =>
        {
            await using var connection = await database.OpenAsync();
            return TypedResults.Ok((await connection.QueryAsync<CompanyView>(
                "SELECT company_id AS CompanyId, name AS Name FROM utility_companies ORDER BY company_id")).ToList());
        }).WithName("ListCompanies").WithSummary("Every company");

        companies.MapPost("", async (CompanyView body, Database database) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (body.CompanyId is not { Length: >= 1 and <= 32 })
            {
                errors["companyId"] = ["1 to 32 characters"];
            }

            if (string.IsNullOrWhiteSpace(body.Name))
            {
                errors["name"] = ["required"];
            }

            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var inserted = await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
                "INSERT INTO utility_companies (company_id, name) VALUES (@CompanyId, @Name) ON CONFLICT (company_id) DO NOTHING", body, transaction));
            return inserted == 0 ? AdminApi.Conflict($"Company {body.CompanyId} exists") : Results.Created($"/admin/companies/{body.CompanyId}", body);
        }).WithName("CreateCompany").WithSummary("Adds a company");

        companies.MapGet("/{companyId}/customers", async (string companyId, Database database) =>
        {
            await using var connection = await database.OpenAsync();
            return TypedResults.Ok((await connection.QueryAsync<CustomerView>(
                $"SELECT {CustomerColumns} FROM utility_customers WHERE company_id = @companyId ORDER BY bill_key", new { companyId })).ToList());
        }).WithName("ListCustomers").WithSummary("The customers of a company");

        companies.MapGet("/{companyId}/customers/{billKey}", async (string companyId, string billKey, Database database) =>
            await FindCustomer(database, companyId, billKey) is { } customer ? Results.Ok(customer) : AdminApi.NotFound($"No customer {billKey} in company {companyId}"))
            .WithName("GetCustomer").WithSummary("One customer");

        companies.MapPost("/{companyId}/customers", async (string companyId, CustomerChange body, Database database) =>
        {
            if (AdminApi.Invalid(CheckCustomer(body, requireBillKey: true)) is { } invalid)
            {
                return invalid;
            }

            await using (var connection = await database.OpenAsync())
            {
                if (!await UtilityStore.CompanyExistsAsync(connection, companyId))
                {
                    return AdminApi.NotFound("No company " + companyId);
                }
            }

            try
            {
                var inserted = await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
                    """
                    INSERT INTO utility_customers (company_id, bill_key, contract_no, name, phone, address, customer_status, service_status, register_date)
                    VALUES (@companyId, @BillKey, @ContractNo, @Name, @Phone, @Address, @CustomerStatus, @ServiceStatus, @RegisterDate)
                    ON CONFLICT (company_id, bill_key) DO NOTHING
                    """,
                    new { companyId, body.BillKey, body.ContractNo, body.Name, body.Phone, body.Address, body.CustomerStatus, body.ServiceStatus, body.RegisterDate },
                    transaction));
                return inserted == 0
                    ? AdminApi.Conflict($"Customer {body.BillKey} exists in company {companyId}")
                    : Results.Created($"/admin/companies/{companyId}/customers/{body.BillKey}", await FindCustomer(database, companyId, body.BillKey!));
            }
            catch (System.Data.Common.DbException e) when (Database.IsUniqueViolation(e))
            {
                return AdminApi.Conflict($"Contract {body.ContractNo} belongs to another customer of company {companyId}");
            }
        }).WithName("CreateCustomer").WithSummary("Adds a customer to a company");

        companies.MapPut("/{companyId}/customers/{billKey}", async (string companyId, string billKey, CustomerChange body, Database database) =>
        {
            if (AdminApi.Invalid(CheckCustomer(body, requireBillKey: false)) is { } invalid)
            {
                return invalid;
            }

            try
            {
                var updated = await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
                    """
                    UPDATE utility_customers SET contract_no = @ContractNo, name = @Name, phone = @Phone, address = @Address,
                        customer_status = @CustomerStatus, service_status = @ServiceStatus, register_date = @RegisterDate
                    WHERE company_id = @companyId AND bill_key = @billKey
                    """,
                    new { companyId, billKey, body.ContractNo, body.Name, body.Phone, body.Address, body.CustomerStatus, body.ServiceStatus, body.RegisterDate },
                    transaction));
                return updated == 0 ? AdminApi.NotFound($"No customer {billKey} in company {companyId}") : Results.Ok(await FindCustomer(database, companyId, billKey));
            }
            catch (System.Data.Common.DbException e) when (Database.IsUniqueViolation(e))
            {
                return AdminApi.Conflict($"Contract {body.ContractNo} belongs to another customer of company {companyId}");
            }
        }).WithName("UpdateCustomer").WithSummary("Changes a customer's details and statuses");

        companies.MapGet("/{companyId}/customers/{billKey}/payments", async (string companyId, string billKey, Database database) =>
        {
            await using var connection = await database.OpenAsync();
            return TypedResults.Ok((await connection.QueryAsync<PaymentView>(
                $"SELECT {PaymentColumns} FROM utility_payments WHERE company_id = @companyId AND bill_key = @billKey ORDER BY pay_date, id",
                new { companyId, billKey })).ToList());
        }).WithName("ListPayments").WithSummary("A customer's payments, reversed ones included");

        companies.MapPost("/{companyId}/customers/{billKey}/payments", async (string companyId, string billKey, PaymentCreate body, Database database, TimeProvider clock) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (body.PayDate is null || !UtilityFields.IsDate(body.PayDate))
            {
                errors["payDate"] = ["a date yyyyMMdd"];
            }

            if (body.AmountFen is not > 0)
            {
                errors["amountFen"] = ["a positive whole number of fen"];
            }

            if (body.TranSeq is not null && !UtilityFields.IsTranSeq(body.TranSeq))
            {
                errors["tranSeq"] = ["1 to 32 letters or digits"];
            }

            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            if (await FindCustomer(database, companyId, billKey) is null)
            {
                return AdminApi.NotFound($"No customer {billKey} in company {companyId}");
            }

            var tranSeq = body.TranSeq ?? "ADM" + Guid.NewGuid().ToString("N")[..20];
            var id = await database.WriteAsync((connection, transaction) => connection.ExecuteScalarAsync<long?>(
                """
                INSERT INTO utility_payments (company_id, bill_key, pay_date, amount_fen, inst_id, tran_date, tran_seq, channel, reversed_at, created_at)
                VALUES (@companyId, @billKey, @PayDate, @AmountFen, @instId, @PayDate, @tranSeq, @channel, NULL, @at)
                ON CONFLICT (inst_id, tran_date, tran_seq) DO NOTHING
                RETURNING id
                """,
                new { companyId, billKey, body.PayDate, body.AmountFen, instId = body.InstId ?? "admin", tranSeq, channel = body.Channel ?? "counter", at = clock.GetUtcNow().ToString("O") },
                transaction));
            if (id is null)
            {
                return AdminApi.Conflict($"A payment with TranSeq {tranSeq} on {body.PayDate} exists");
            }

            await using var connection = await database.OpenAsync();
            var payment = await connection.QuerySingleAsync<PaymentView>($"SELECT {PaymentColumns} FROM utility_payments WHERE id = @id", new { id });
            return Results.Created($"/admin/companies/{companyId}/customers/{billKey}/payments/{id}", payment);
        }).WithName("CreatePayment").WithSummary("Records a payment taken outside the bank interface (counter, cash)");

        return admin;
    }

    /// <summary>One customer, or null; the bill resources use it too.</summary>
    internal static async Task<CustomerView?> FindCustomer(Database database, string companyId, string billKey)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<CustomerView>(
            $"SELECT {CustomerColumns} FROM utility_customers WHERE company_id = @companyId AND bill_key = @billKey", new { companyId, billKey });
    }

    private static Dictionary<string, string[]> CheckCustomer(CustomerChange body, bool requireBillKey)
    {
        var errors = new Dictionary<string, string[]>();
        if (requireBillKey && body.BillKey is not { Length: >= 1 and <= 64 })
        {
            errors["billKey"] = ["1 to 64 characters"];
        }

        if (string.IsNullOrWhiteSpace(body.Name))
        {
            errors["name"] = ["required"];
        }

        if (body.Phone is null || body.Address is null)
        {
            errors[body.Phone is null ? "phone" : "address"] = ["required"];
        }

        if (body.CustomerStatus is not (0 or 1 or 2))
        {
            errors["customerStatus"] = ["1 normal, 2 suspended or 0 closed"];
        }

        if (body.ServiceStatus is not (0 or 1))
        {
            errors["serviceStatus"] = ["1 in service or 0 stopped"];
        }

        if (body.RegisterDate is null || !UtilityFields.IsDate(body.RegisterDate))
        {
            errors["registerDate"] = ["a date yyyyMMdd"];
        }

        return errors;
    }
}
