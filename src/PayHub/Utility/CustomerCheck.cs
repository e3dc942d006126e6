using System.Globalization;
using PayHub.Protocols.Utility;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>
/// CustomerCheck (the seed): a bank looks up a customer by billKey (queryType 0) or contractNo
/// (queryType 1) and gets the customer's details and payment history, computed from the stored payments.
/// </summary>
public sealed class CustomerCheck(Database database) : IUtilityOperation
{
    public string TranCode => "CustomerCheck";

    public void Validate(UtilityMessage request, ICollection<string> problems)
    {
        UtilityFields.Required(request, "companyId", problems);
        var queryType = UtilityFields.Required(request, "queryType", problems);
        if (queryType is not null and not "0" and not "1")
        {
            problems.Add("queryType: must be 0 or 1");
        }

        if (queryType == "0" && request.Get("billKey") is null)
        {
            problems.Add("billKey: required when queryType is 0");
        }

        if (queryType == "1" && request.Get("contractNo") is null)
        {
            problems.Add("contractNo: required when queryType is 1");
        }

        UtilityFields.MaxLength(request, "companyId", 32, problems);
        UtilityFields.MaxLength(request, "billKey", 64, problems);
        UtilityFields.MaxLength(request, "contractNo", 64, problems);
    }

    public async Task<UtilityAnswer> PrepareAsync(UtilityMessage request, string instId, CancellationToken cancellationToken)
    {
        var companyId = request.Get("companyId")!;
        var billKey = request.Get("billKey");
        var contractNo = request.Get("contractNo");
        await using var connection = await database.OpenAsync(cancellationToken);

        if (!await UtilityStore.CompanyExistsAsync(connection, companyId))
        {
            return UtilityAnswer.Refuse(UtilityRespCode.NoSuchCompany);
        }

        CustomerRecord? customer;
        if (request.Get("queryType") == "0")
        {
            customer = await UtilityStore.FindCustomerAsync(connection, companyId, billKey!);
            if (customer is null)
            {
                return UtilityAnswer.Refuse(UtilityRespCode.NoSuchCustomer);
            }

            if (contractNo is not null && customer.ContractNo != contractNo)
            {
                return UtilityAnswer.Refuse(UtilityRespCode.BadContract);
            }
        }
        else
        {
            customer = await UtilityStore.FindCustomerByContractAsync(connection, companyId, contractNo!);
            if (customer is null || (billKey is not null && customer.BillKey != billKey))
            {
                return UtilityAnswer.Refuse(UtilityRespCode.BadContract);
            }
        }

        var totals = await UtilityStore.TotalsAsync(connection, companyId, customer.BillKey);
        return UtilityAnswer.Success("查询成功", [
            new("billKey", customer.BillKey),
            new("companyId", customer.CompanyId),
            new("contractNo", customer.ContractNo ?? ""),
            new("customerName", customer.Name),
            new("customerPhone", customer.Phone),
            new("customerAddress", customer.Address),
            new("customerStatus", customer.CustomerStatus.ToString(CultureInfo.InvariantCulture)),
            new("serviceStatus", customer.ServiceStatus.ToString(CultureInfo.InvariantCulture)),
            new("registerDate", customer.RegisterDate),
            new("lastPayDate", totals.LastPayDate ?? ""),
            new("totalPayCount", totals.Count.ToString(CultureInfo.InvariantCulture)),
            new("totalPayAmount", totals.AmountFen.ToString(CultureInfo.InvariantCulture)),
        ]);
    }
}
