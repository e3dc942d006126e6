using System.Globalization;
using System.Text;
using PayHub.Protocols.Utility;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>
/// PayCheck: the reconciliation file of one TranDate (<c>checkDate</c>, else the request's
/// TranDate) for the calling institution. UTF-8 text, a line each, pipe-separated: first
/// <c>count|total</c>, then <c>TranDate|TranSeq|billKey|amount|channel|type</c> with type
/// <c>pay</c> or <c>reversal</c>. Amounts are fen and positive; the total is the net sum, payments
/// minus reversals. The answer carries the file in base64 (<c>fileContent</c>) with its count and total.
/// </summary>
public sealed class Reconciliation(Database database) : IUtilityOperation
{
    public string TranCode => "PayCheck";

    public void Validate(UtilityMessage request, ICollection<string> problems)
    {
        if (request.Get("checkDate") is { } date && !UtilityFields.IsDate(date))
        {
            problems.Add("checkDate: must be a date yyyyMMdd");
        }
    }

    public Task<UtilityAnswer> PrepareAsync(UtilityMessage request, string instId, CancellationToken cancellationToken)
    {
        var checkDate = request.Get("checkDate") ?? request.Get("TranDate")!;
        var file = File(database, instId, checkDate);
        return Task.FromResult(UtilityAnswer.Success("对账成功", [
            new("checkDate", checkDate),
            new("fileCount", file.Count.ToString(CultureInfo.InvariantCulture)),
            new("fileTotal", file.Total.ToString(CultureInfo.InvariantCulture)),
            new("fileContent", Convert.ToBase64String(Encoding.UTF8.GetBytes(file.Text))),
        ]));
    }

    /// <summary>The file of an institution's day: its lines, their count and net total.</summary>
    public static (string Text, int Count, long Total) File(Database database, string instId, string tranDate)
    {
        var lines = database.Read(db => BillStore.Reconciliation(db, instId, tranDate));
        var total = lines.Sum(l => l.Type == "pay" ? l.AmountFen : -l.AmountFen);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{lines.Count}|{total}\n");
        foreach (var line in lines)
        {
            text.Append(CultureInfo.InvariantCulture, $"{line.TranDate}|{line.TranSeq}|{line.BillKey}|{line.AmountFen}|{line.Channel}|{line.Type}\n");
        }

        return (text.ToString(), lines.Count, total);
    }
}
