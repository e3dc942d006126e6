using PayHub.Admin;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>Admin resources for the utility's own books: <c>/admin/companies</c>, their customers and payments.</summary>
public static class CustomerAdminApi
{
    public static RouteGroupBuilder MapCustomerAdmin(this RouteGroupBuilder admin)
    {
        var companies = admin.MapGroup("/companies").WithTags("Utility billing: companies and customers");

        companies.MapGet("", (UtilityBookStore books) => TypedResults.Ok(books.Companies()))
            .WithName("ListCompanies").WithSummary("Every company");

        companies.MapPost("", (CompanyView body, UtilityBookStore books) =>
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

            return !books.CreateCompany(body) ? AdminApi.Conflict($"Company {body.CompanyId} exists") : Results.Created($"/admin/companies/{body.CompanyId}", body);
        }).WithName("CreateCompany").Produces<CompanyView>(201).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Adds a company");

        companies.MapGet("/{companyId}/customers", (string companyId, UtilityBookStore books) => TypedResults.Ok(books.Customers(companyId)))
            .WithName("ListCustomers").WithSummary("The customers of a company");

        companies.MapGet("/{companyId}/customers/{billKey}", (string companyId, string billKey, UtilityBookStore books) =>
            books.Customer(companyId, billKey) is { } customer ? Results.Ok(customer) : AdminApi.NotFound($"No customer {billKey} in company {companyId}"))
            .WithName("GetCustomer").Produces<CustomerView>(200).ProducesProblem(404).WithSummary("One customer");

        companies.MapPost("/{companyId}/customers", (string companyId, CustomerChange body, UtilityBookStore books) =>
        {
            if (AdminApi.Invalid(CheckCustomer(body, requireBillKey: true)) is { } invalid)
            {
                return invalid;
            }

            if (!books.CompanyExists(companyId))
            {
                return AdminApi.NotFound("No company " + companyId);
            }

            try
            {
                var inserted = books.CreateCustomer(companyId, body);
                return !inserted
                    ? AdminApi.Conflict($"Customer {body.BillKey} exists in company {companyId}")
                    : Results.Created($"/admin/companies/{companyId}/customers/{body.BillKey}", books.Customer(companyId, body.BillKey!));
            }
            catch (System.Data.Common.DbException e) when (Database.IsUniqueViolation(e))
            {
                return AdminApi.Conflict($"Contract {body.ContractNo} belongs to another customer of company {companyId}");
            }
        }).WithName("CreateCustomer").Produces<CustomerView>(201).ProducesProblem(404).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Adds a customer to a company");

        companies.MapPut("/{companyId}/customers/{billKey}", (string companyId, string billKey, CustomerChange body, UtilityBookStore books) =>
        {
            if (AdminApi.Invalid(CheckCustomer(body, requireBillKey: false)) is { } invalid)
            {
                return invalid;
            }

            try
            {
                var updated = books.UpdateCustomer(companyId, billKey, body);
                return !updated ? AdminApi.NotFound($"No customer {billKey} in company {companyId}") : Results.Ok(books.Customer(companyId, billKey));
            }
            catch (System.Data.Common.DbException e) when (Database.IsUniqueViolation(e))
            {
                return AdminApi.Conflict($"Contract {body.ContractNo} belongs to another customer of company {companyId}");
            }
        }).WithName("UpdateCustomer").Produces<CustomerView>(200).ProducesProblem(404).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Changes a customer's details and statuses");

        companies.MapGet("/{companyId}/customers/{billKey}/payments", (string companyId, string billKey, UtilityBookStore books) =>
            TypedResults.Ok(books.Payments(companyId, billKey)))
            .WithName("ListPayments").WithSummary("A customer's payments, reversed ones included");

        companies.MapPost("/{companyId}/customers/{billKey}/payments", (string companyId, string billKey, PaymentCreate body, UtilityBookStore books, TimeProvider clock) =>
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

            if (books.Customer(companyId, billKey) is null)
            {
                return AdminApi.NotFound($"No customer {billKey} in company {companyId}");
            }

            var tranSeq = body.TranSeq ?? "ADM" + Guid.NewGuid().ToString("N")[..20];
            var payment = books.CreatePayment(companyId, billKey, body, body.InstId ?? "admin", tranSeq, body.Channel ?? "counter", clock.GetUtcNow());
            return payment is null
                ? AdminApi.Conflict($"A payment with TranSeq {tranSeq} on {body.PayDate} exists")
                : Results.Created($"/admin/companies/{companyId}/customers/{billKey}/payments/{payment.Id}", payment);
        }).WithName("CreatePayment").Produces<PaymentView>(201).ProducesProblem(404).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Records a payment taken outside the bank interface (counter, cash)");

        return admin;
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
