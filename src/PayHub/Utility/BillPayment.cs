using System.Globalization;
using PayHub.Protocols.Utility;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>
/// Pay: pays every outstanding bill of a billKey at once. The amount (fen) must equal what is owed
/// (DEF0009 otherwise); the payment is recorded under the request's TranSeq, in the same transaction
/// that registers the TranSeq, so a retried payment never pays twice. Answers a receipt number.
/// </summary>
public sealed class BillPayment(TimeProvider clock) : IUtilityOperation
{
    public string TranCode => "Pay";

    public bool ChangesData => true;

    public void Validate(UtilityMessage request, ICollection<string> problems)
    {
        UtilityFields.ValidateCustomer(request, problems);
        if (UtilityFields.Required(request, "amount", problems) is { } amount && !UtilityFields.IsFen(amount))
        {
            problems.Add("amount: a positive whole number of fen, at most 12 digits");
        }

        if (request.Get("channel") is { } channel && (channel.Length > 16 || !channel.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            problems.Add("channel: at most 16 letters, digits, - or _");
        }
    }

    public Task<UtilityAnswer> PrepareAsync(UtilityMessage request, string instId, CancellationToken cancellationToken) =>
        UtilityAnswer.DecidedInApply;

    public UtilityAnswer Apply(UtilityMessage request, string instId, UtilityAnswer prepared, WriteScope scope)
    {
        var companyId = request.Get("companyId")!;
        var billKey = request.Get("billKey")!;
        if (BillStore.FindCustomer(scope, companyId, billKey).Refusal is { } refusal)
        {
            return refusal;
        }

        var bills = BillStore.OutstandingForPayment(scope, companyId, billKey);
        if (bills.Count == 0)
        {
            return UtilityAnswer.Refuse(UtilityRespCode.NothingOwed);
        }

        var owed = bills.Sum(b => b.OwedFen);
        var amount = long.Parse(request.Get("amount")!, CultureInfo.InvariantCulture);
        if (amount != owed)
        {
            return UtilityAnswer.Refuse(UtilityRespCode.AmountMismatch, string.Create(CultureInfo.InvariantCulture, $"{owed} fen owed"));
        }

        var tranDate = request.Get("TranDate")!;
        var receiptNo = BillStore.RecordPayment(
            scope, companyId, billKey, amount, instId, tranDate, request.Get("TranSeq")!,
            request.Get("channel") ?? "bank", clock.GetUtcNow().ToString("O"));
        return UtilityAnswer.Success("缴费成功", [
            new("billKey", billKey),
            new("companyId", companyId),
            new("amount", amount.ToString(CultureInfo.InvariantCulture)),
            new("billCount", bills.Count.ToString(CultureInfo.InvariantCulture)),
            new("receiptNo", receiptNo),
            new("payDate", tranDate),
        ]);
    }
}
