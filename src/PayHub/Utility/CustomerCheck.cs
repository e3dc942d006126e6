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
        var byBillKey = request.Get("queryType") == "0";
        var row = await database.ReadAsync(sql => UtilityStore.FindForCustomerCheckAsync(sql, companyId, byBillKey, byBillKey ? billKey! : contractNo!));

        if (row.CompanyFound == 0)
        {
            return UtilityAnswer.Refuse(UtilityRespCode.NoSuchCompany);
        }

        if (row.BillKey is null)
        {
            return UtilityAnswer.Refuse(byBillKey ? UtilityRespCode.NoSuchCustomer : UtilityRespCode.BadContract);
        }

        if ((byBillKey && contractNo is not null && row.ContractNo != contractNo) || (!byBillKey && billKey is not null && row.BillKey != billKey))
        {
            return UtilityAnswer.Refuse(UtilityRespCode.BadContract);
        }

        return UtilityAnswer.Success("查询成功", [
            new("billKey", row.BillKey),
            new("companyId", companyId),
            new("contractNo", row.ContractNo ?? ""),
            new("customerName", row.Name),
            new("customerPhone", row.Phone),
            new("customerAddress", row.Address),
            new("customerStatus", row.CustomerStatus.ToString(CultureInfo.InvariantCulture)),
            new("serviceStatus", row.ServiceStatus.ToString(CultureInfo.InvariantCulture)),
            new("registerDate", row.RegisterDate),
            new("lastPayDate", row.LastPayDate ?? ""),
            new("totalPayCount", row.PayCount.ToString(CultureInfo.InvariantCulture)),
            new("totalPayAmount", row.PayAmountFen.ToString(CultureInfo.InvariantCulture)),
        ]);
    }
}
