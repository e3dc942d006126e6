using System.Globalization;
using PayHub.Protocols.Utility;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>
/// Query: the outstanding bills of a billKey, with their total. The bills travel in one field,
/// <c>bills</c>: <c>billNo|month|amount|lateFee</c> per bill, <c>;</c> between bills, amounts in fen.
/// </summary>
public sealed class BillQuery(Database database) : IUtilityOperation
{
    public string TranCode => "Query";

    public void Validate(UtilityMessage request, ICollection<string> problems) => UtilityFields.ValidateCustomer(request, problems);

    public async Task<UtilityAnswer> PrepareAsync(UtilityMessage request, string instId, CancellationToken cancellationToken)
    {
        var companyId = request.Get("companyId")!;
        var billKey = request.Get("billKey")!;
        await using var connection = await database.OpenAsync(cancellationToken);
        var (customerName, refusal) = BillStore.FindCustomer(connection, null, companyId, billKey);
        if (refusal is not null)
        {
            return refusal;
        }

        var bills = BillStore.Outstanding(connection, null, companyId, billKey);
        if (bills.Count == 0)
        {
            return UtilityAnswer.Refuse(UtilityRespCode.NothingOwed);
        }

        return UtilityAnswer.Success("查询成功", [
            new("billKey", billKey),
            new("companyId", companyId),
            new("customerName", customerName!),
            new("billCount", bills.Count.ToString(CultureInfo.InvariantCulture)),
            new("totalAmount", bills.Sum(b => b.OwedFen).ToString(CultureInfo.InvariantCulture)),
            new("bills", string.Join(';', bills.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.BillNo}|{b.BillMonth}|{b.AmountFen}|{b.LateFeeFen}")))),
        ]);
    }
}
