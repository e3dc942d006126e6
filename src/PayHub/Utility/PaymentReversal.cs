using System.Globalization;
using PayHub.Protocols.Utility;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>
/// PayInvalid: reverses one of the institution's payments, found by its original TranDate and
/// TranSeq, on the same day only (the request's TranDate and the server's date in China time both
/// the payment's). The payment leaves CustomerCheck's totals and its bills are owed again.
/// </summary>
public sealed class PaymentReversal(Sandbox.BusinessClock clock) : IUtilityOperation
{
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    public string TranCode => "PayInvalid";

    public bool ChangesData => true;

    public void Validate(UtilityMessage request, ICollection<string> problems)
    {
        if (UtilityFields.Required(request, "origTranDate", problems) is { } date && !UtilityFields.IsDate(date))
        {
            problems.Add("origTranDate: must be a date yyyyMMdd");
        }

        if (UtilityFields.Required(request, "origTranSeq", problems) is { } seq && !UtilityFields.IsTranSeq(seq))
        {
            problems.Add("origTranSeq: must be 1 to 32 letters or digits");
        }
    }

    public Task<UtilityAnswer> PrepareAsync(UtilityMessage request, string instId, CancellationToken cancellationToken) =>
        UtilityAnswer.DecidedInApply;

    public UtilityAnswer Apply(UtilityMessage request, string instId, UtilityAnswer prepared, WriteScope scope)
    {
        var origTranDate = request.Get("origTranDate")!;
        var origTranSeq = request.Get("origTranSeq")!;
        var payment = BillStore.FindPaymentForReversal(scope, instId, origTranDate, origTranSeq);
        if (payment is null)
        {
            return UtilityAnswer.Refuse(UtilityRespCode.OriginalNotFound);
        }

        if (payment.ReversedAt is not null)
        {
            return UtilityAnswer.Refuse(UtilityRespCode.CannotReverse, "already reversed");
        }

        var today = clock.GetUtcNow().ToOffset(ChinaTime).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var tranDate = request.Get("TranDate")!;
        if (tranDate != payment.TranDate || string.CompareOrdinal(today, payment.TranDate) > 0)
        {
            return UtilityAnswer.Refuse(UtilityRespCode.CannotReverse, "only on the payment's own day " + payment.TranDate);
        }

        BillStore.Reverse(scope, payment, instId, tranDate, request.Get("TranSeq")!, clock.GetUtcNow().ToString("O"));
        return UtilityAnswer.Success("冲正成功", [
            new("billKey", payment.BillKey),
            new("companyId", payment.CompanyId),
            new("origTranDate", origTranDate),
            new("origTranSeq", origTranSeq),
            new("amount", payment.AmountFen.ToString(CultureInfo.InvariantCulture)),
        ]);
    }
}
