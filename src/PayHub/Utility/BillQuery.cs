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

    public Task<UtilityAnswer> PrepareAsync(UtilityMessage request, string instId, CancellationToken cancellationToken) => Task.FromResult(Prepare(request));

    private UtilityAnswer Prepare(UtilityMessage request)
    {
        var companyId = request.Get("companyId")!;
        var billKey = request.Get("billKey")!;
        var (customerName, refusal, bills) = database.Read(db =>
        {
            var (name, refused) = BillStore.FindCustomer(db, companyId, billKey);
            return (name, refused, refused is null ? BillStore.Outstanding(db, companyId, billKey) : []);
        });
        if (refusal is not null)
        {
            return refusal;
        }

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
