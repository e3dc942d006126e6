using System.Globalization;
using System.Text.RegularExpressions;
using PayHub.Admin;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>Admin resources for bills and reconciliation files.</summary>
public static partial class BillAdminApi
{
    public static RouteGroupBuilder MapBillAdmin(this RouteGroupBuilder admin)
    {
        var bills = admin.MapGroup("/companies/{companyId}/customers/{billKey}/bills").WithTags("Utility billing: bills");

        bills.MapGet("", (string companyId, string billKey, UtilityBookStore books) => TypedResults.Ok(books.Bills(companyId, billKey)))
            .WithName("ListBills").WithSummary("A customer's bills, paid (with their payment) and unpaid");

        bills.MapPost("", (string companyId, string billKey, BillCreate body, UtilityBookStore books) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (body.BillMonth is null || !Month().IsMatch(body.BillMonth))
            {
                errors["billMonth"] = ["a month yyyyMM"];
            }

            if (body.AmountFen is not > 0)
            {
                errors["amountFen"] = ["a positive whole number of fen"];
            }

            if (body.LateFeeFen is < 0)
            {
                errors["lateFeeFen"] = ["zero or more fen"];
            }

            if (body.BillNo is { Length: 0 or > 32 })
            {
                errors["billNo"] = ["1 to 32 characters"];
            }

            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            if (books.Customer(companyId, billKey) is null)
            {
                return AdminApi.NotFound($"No customer {billKey} in company {companyId}");
            }

            var billNo = body.BillNo ?? "B" + companyId + billKey + body.BillMonth;
            try
            {
                var bill = books.CreateBill(companyId, billKey, billNo, body);
                return Results.Created($"/admin/companies/{companyId}/customers/{billKey}/bills/{billNo}", bill);
            }
            catch (System.Data.Common.DbException e) when (Database.IsUniqueViolation(e))
            {
                return AdminApi.Conflict($"Bill {billNo} or a bill for {body.BillMonth} exists for customer {billKey}");
            }
        }).WithName("CreateBill").Produces<BillView>(201).ProducesProblem(404).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Issues a monthly bill");

        admin.MapGet("/institutions/{instId}/reconciliation/{tranDate}", (string instId, string tranDate, Database database) =>
        {
            if (!UtilityFields.IsDate(tranDate))
            {
                return AdminApi.Invalid(new() { ["tranDate"] = ["a date yyyyMMdd"] })!;
            }

            var file = Reconciliation.File(database, instId, tranDate);
            return Results.Text(file.Text, "text/plain; charset=utf-8", System.Text.Encoding.UTF8);
        })
        .WithTags("Utility billing: institutions")
        .WithName("DownloadReconciliation").Produces<string>(200, "text/plain").ProducesValidationProblem()
        .WithSummary("The reconciliation file of an institution's TranDate, as PayCheck carries it");

        return admin;
    }

    [GeneratedRegex(@"^\d{4}(0[1-9]|1[0-2])$")]
    private static partial Regex Month();
}
