using System.Globalization;
using PayHub.Protocols.Utility;

namespace PayHub.Client.Utility;

/// <summary>
/// A utility answer, decrypted and decoded: the RespCode (compare with <see cref="UtilityRespCode"/>'s constants),
/// the RespMessage and every field in wire order. A refusal is an answer like any other: <see cref="IsSuccess"/> false.
/// </summary>
public class UtilityAnswer
{
    internal UtilityAnswer(UtilityAnswer answer)
        : this(answer.Message, answer.HttpStatus)
    {
    }

    internal UtilityAnswer(UtilityMessage message, int httpStatus)
    {
        Message = message;
        HttpStatus = httpStatus;
    }

    /// <summary>The decoded <c>&lt;out&gt;</c> (or JSON object), every field in wire order.</summary>
    public UtilityMessage Message { get; }

    /// <summary>The HTTP status the answer came with (200, 400, 403, 429, 500).</summary>
    public int HttpStatus { get; }

    /// <summary>The seven-character RespCode.</summary>
    public string RespCode => Message.Get("RespCode") ?? "";

    /// <summary>What the RespCode means here (for a DEF0002, every field that is wrong).</summary>
    public string RespMessage => Message.Get("RespMessage") ?? "";

    /// <summary>True for <c>AAAAAAA</c>.</summary>
    public bool IsSuccess => RespCode == UtilityRespCode.Success;

    /// <summary>The echoed TranSeq.</summary>
    public string? TranSeq => Message.Get("TranSeq");

    /// <summary>The echoed TranDate.</summary>
    public string? TranDate => Message.Get("TranDate");

    /// <summary>A field's value; null when absent or empty.</summary>
    public string? this[string field] => Message.Get(field);

    private protected long? Number(string field) =>
        long.TryParse(Message.Get(field), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>CustomerCheck's answer: the customer and its payment totals.</summary>
public sealed class CustomerCheckAnswer : UtilityAnswer
{
    internal CustomerCheckAnswer(UtilityAnswer answer)
        : base(answer)
    {
    }

    /// <summary>The customer's account number at the company.</summary>
    public string? BillKey => this["billKey"];

    /// <summary>The company.</summary>
    public string? CompanyId => this["companyId"];

    /// <summary>The customer's contract.</summary>
    public string? ContractNo => this["contractNo"];

    /// <summary>The customer's name.</summary>
    public string? CustomerName => this["customerName"];

    /// <summary>The customer's phone.</summary>
    public string? CustomerPhone => this["customerPhone"];

    /// <summary>The customer's address.</summary>
    public string? CustomerAddress => this["customerAddress"];

    /// <summary>1 normal, 2 suspended, 0 closed.</summary>
    public string? CustomerStatus => this["customerStatus"];

    /// <summary>1 in service, 0 stopped.</summary>
    public string? ServiceStatus => this["serviceStatus"];

    /// <summary>yyyyMMdd.</summary>
    public string? RegisterDate => this["registerDate"];

    /// <summary>yyyyMMdd; null when never paid.</summary>
    public string? LastPayDate => this["lastPayDate"];

    /// <summary>Payments made, reversed ones excluded.</summary>
    public long? TotalPayCount => Number("totalPayCount");

    /// <summary>Their total in fen.</summary>
    public long? TotalPayAmount => Number("totalPayAmount");
}

/// <summary>One outstanding bill of a Query answer.</summary>
/// <param name="BillNo">The bill's number.</param>
/// <param name="Month">yyyyMM.</param>
/// <param name="Amount">The bill's amount in fen.</param>
/// <param name="LateFee">The late fee in fen.</param>
public sealed record OutstandingBill(string BillNo, string Month, long Amount, long LateFee);

/// <summary>Query's answer: what is owed, bill by bill.</summary>
public sealed class BillQueryAnswer : UtilityAnswer
{
    internal BillQueryAnswer(UtilityAnswer answer)
        : base(answer)
    {
    }

    /// <summary>The customer's account number at the company.</summary>
    public string? BillKey => this["billKey"];

    /// <summary>The customer's name.</summary>
    public string? CustomerName => this["customerName"];

    /// <summary>How many bills are outstanding.</summary>
    public long? BillCount => Number("billCount");

    /// <summary>What is owed in fen, late fees included: the amount a Pay must carry.</summary>
    public long? TotalAmount => Number("totalAmount");

    /// <summary>The outstanding bills, oldest first (from <c>billNo|month|amount|lateFee;…</c>).</summary>
    public IReadOnlyList<OutstandingBill> Bills =>
        (this["bills"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(bill => bill.Split('|'))
            .Where(parts => parts.Length == 4)
            .Select(parts => new OutstandingBill(parts[0], parts[1], ParseFen(parts[2]), ParseFen(parts[3])))
            .ToList();

    private static long ParseFen(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var fen) ? fen : 0;
}

/// <summary>Pay's answer: the receipt.</summary>
public sealed class PaymentAnswer : UtilityAnswer
{
    internal PaymentAnswer(UtilityAnswer answer)
        : base(answer)
    {
    }

    /// <summary>The amount paid in fen.</summary>
    public long? Amount => Number("amount");

    /// <summary>How many bills it paid.</summary>
    public long? BillCount => Number("billCount");

    /// <summary>The receipt number.</summary>
    public string? ReceiptNo => this["receiptNo"];

    /// <summary>The payment's date (its TranDate).</summary>
    public string? PayDate => this["payDate"];
}

/// <summary>PayInvalid's answer: the reversed payment.</summary>
public sealed class ReversalAnswer : UtilityAnswer
{
    internal ReversalAnswer(UtilityAnswer answer)
        : base(answer)
    {
    }

    /// <summary>The payment's billKey.</summary>
    public string? BillKey => this["billKey"];

    /// <summary>The payment's TranSeq.</summary>
    public string? OrigTranSeq => this["origTranSeq"];

    /// <summary>The amount reversed in fen.</summary>
    public long? Amount => Number("amount");
}

/// <summary>PayCheck's answer: the reconciliation file, decoded.</summary>
public sealed class ReconciliationAnswer : UtilityAnswer
{
    internal ReconciliationAnswer(UtilityAnswer answer)
        : base(answer)
    {
    }

    /// <summary>The day reconciled.</summary>
    public string? CheckDate => this["checkDate"];

    /// <summary>Lines after the first.</summary>
    public long? FileCount => Number("fileCount");

    /// <summary>Payments minus reversals, in fen.</summary>
    public long? FileTotal => Number("fileTotal");

    /// <summary>The file's text (UTF-8 inside the base64 of <c>fileContent</c>): <c>count|total</c>, then one line per transaction.</summary>
    public string FileText => this["fileContent"] is { } base64 ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64)) : "";

    /// <summary>The transaction lines, <c>TranDate|TranSeq|billKey|amount|channel|type</c> split on <c>|</c>.</summary>
    public IReadOnlyList<string[]> Lines =>
        FileText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split('|')).ToList();
}
