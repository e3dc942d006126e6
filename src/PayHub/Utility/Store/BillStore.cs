using PayHub.Protocols.Utility;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>Bills, payments and reversals: the reads and writes of Query, Pay, PayInvalid and PayCheck.</summary>
public static class BillStore
{
    /// <summary>The customer's name, or the refusal when the company (DEF0006) or the customer (DEF0005) is unknown.</summary>
    public static (string? CustomerName, UtilityAnswer? Refusal) FindCustomer(PreparedStatements db, string companyId, string billKey)
    {
        var (companyFound, name) = db.Row<(long, string?)>(
            """
            SELECT CASE WHEN EXISTS (SELECT 1 FROM utility_companies WHERE company_id = @p0) THEN 1 ELSE 0 END, c.name
            FROM (SELECT 1 AS one) AS q
            LEFT JOIN utility_customers c ON c.company_id = @p0 AND c.bill_key = @p1
            """,
            companyId,
            billKey);
        return companyFound == 0 ? (null, UtilityAnswer.Refuse(UtilityRespCode.NoSuchCompany))
            : name is null ? (null, UtilityAnswer.Refuse(UtilityRespCode.NoSuchCustomer))
            : (name, null);
    }

    public static List<OutstandingBill> Outstanding(PreparedStatements db, string companyId, string billKey) =>
        db.Rows<OutstandingBill>(
            """
            SELECT bill_no AS BillNo, bill_month AS BillMonth, amount_fen AS AmountFen, late_fee_fen AS LateFeeFen
            FROM utility_bills WHERE company_id = @p0 AND bill_key = @p1 AND payment_id IS NULL
            ORDER BY bill_month
            """,
            companyId,
            billKey);

    /// <summary>
    /// The customer's outstanding bills, for a payment of them: the customer's row is this write's until it ends, so a
    /// payment or a reversal of the same customer on another node waits and then reads the bills this one leaves.
    /// </summary>
    public static List<OutstandingBill> OutstandingForPayment(WriteScope scope, string companyId, string billKey)
    {
        LockCustomer(scope, companyId, billKey);
        return Outstanding(scope, companyId, billKey);
    }

    /// <summary>
    /// The payment a reversal names, for its reversal: its customer's row, then its own, are this write's until it ends
    /// (the owner first, as every write locks), so a second reversal of it waits and then finds it reversed.
    /// </summary>
    public static PaymentRecord? FindPaymentForReversal(WriteScope scope, string instId, string tranDate, string tranSeq)
    {
        if (FindPayment(scope, instId, tranDate, tranSeq) is not { } payment)
        {
            return null;
        }

        LockCustomer(scope, payment.CompanyId, payment.BillKey);
        return scope.Row<PaymentRecord>(
            $"""
            SELECT id AS Id, company_id AS CompanyId, bill_key AS BillKey, amount_fen AS AmountFen, tran_date AS TranDate, reversed_at AS ReversedAt
            FROM utility_payments WHERE id = @p0{scope.Locks.ForUpdate}
            """,
            payment.Id);
    }

    /// <summary>
    /// Issues an unpaid bill under the customer's row lock, so that a payment of the customer running meanwhile (which
    /// marks every unpaid bill paid) neither takes it in nor misses it: the bill comes before or after the payment.
    /// </summary>
    public static void InsertBill(WriteScope scope, string companyId, string billKey, string billNo, BillCreate body)
    {
        LockCustomer(scope, companyId, billKey);
        scope.Execute(
            """
            INSERT INTO utility_bills (company_id, bill_no, bill_key, bill_month, amount_fen, late_fee_fen, payment_id)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, NULL)
            """,
            companyId, billNo, billKey, body.BillMonth, body.AmountFen, body.LateFeeFen ?? 0);
    }

    private static void LockCustomer(WriteScope scope, string companyId, string billKey) =>
        scope.Scalar($"SELECT 1 FROM utility_customers WHERE company_id = @p0 AND bill_key = @p1{scope.Locks.ForUpdate}", companyId, billKey);

    /// <summary>
    /// Records a payment and marks the customer's outstanding bills paid by it; returns its receipt
    /// number, <c>R</c> + TranDate + the payment's number. The unique (inst_id, tran_date, tran_seq)
    /// of payments refuses a second payment under the same TranSeq, whichever node tries it.
    /// </summary>
    public static string RecordPayment(
        WriteScope scope, string companyId, string billKey, long amountFen, string instId, string tranDate, string tranSeq, string channel, string now)
    {
        var id = Convert.ToInt64(
            scope.Scalar(
                """
                INSERT INTO utility_payments (company_id, bill_key, pay_date, amount_fen, inst_id, tran_date, tran_seq, channel, reversed_at, created_at)
                VALUES (@p0, @p1, @p2, @p3, @p4, @p2, @p5, @p6, NULL, @p7)
                RETURNING id
                """,
                companyId, billKey, tranDate, amountFen, instId, tranSeq, channel, now),
            System.Globalization.CultureInfo.InvariantCulture);
        var receiptNo = "R" + tranDate + id.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        scope.Execute("UPDATE utility_payments SET receipt_no = @p1 WHERE id = @p0", id, receiptNo);
        scope.Execute("UPDATE utility_bills SET payment_id = @p0 WHERE company_id = @p1 AND bill_key = @p2 AND payment_id IS NULL", id, companyId, billKey);
        return receiptNo;
    }

    public static PaymentRecord? FindPayment(PreparedStatements db, string instId, string tranDate, string tranSeq) =>
        db.Row<PaymentRecord>(
            """
            SELECT id AS Id, company_id AS CompanyId, bill_key AS BillKey, amount_fen AS AmountFen, tran_date AS TranDate, reversed_at AS ReversedAt
            FROM utility_payments WHERE inst_id = @p0 AND tran_date = @p1 AND tran_seq = @p2
            """,
            instId,
            tranDate,
            tranSeq);

    /// <summary>Reverses a payment: records the reversal, marks the payment reversed, and makes its bills unpaid again.</summary>
    public static void Reverse(WriteScope scope, PaymentRecord payment, string instId, string tranDate, string tranSeq, string now)
    {
        scope.Execute(
            "INSERT INTO utility_reversals (inst_id, tran_date, tran_seq, payment_id, created_at) VALUES (@p0, @p1, @p2, @p3, @p4)",
            instId, tranDate, tranSeq, payment.Id, now);
        scope.Execute("UPDATE utility_payments SET reversed_at = @p1 WHERE id = @p0", payment.Id, now);
        scope.Execute("UPDATE utility_bills SET payment_id = NULL WHERE payment_id = @p0", payment.Id);
    }

    /// <summary>The institution's payments and reversals of one TranDate, in the order they were recorded.</summary>
    public static List<ReconciliationLine> Reconciliation(PreparedStatements db, string instId, string tranDate) =>
        db.Rows<ReconciliationLine>(
            """
            SELECT TranDate, TranSeq, BillKey, AmountFen, Channel, Type FROM (
                SELECT p.created_at AS at, 0 AS kind, p.id AS id, p.tran_date AS TranDate, p.tran_seq AS TranSeq, p.bill_key AS BillKey,
                       p.amount_fen AS AmountFen, p.channel AS Channel, 'pay' AS Type
                FROM utility_payments p WHERE p.inst_id = @p0 AND p.tran_date = @p1
                UNION ALL
                SELECT r.created_at, 1, r.id, r.tran_date, r.tran_seq, p.bill_key, p.amount_fen, p.channel, 'reversal'
                FROM utility_reversals r JOIN utility_payments p ON p.id = r.payment_id
                WHERE r.inst_id = @p0 AND r.tran_date = @p1
            ) AS lines
            ORDER BY at, kind, id
            """,
            instId,
            tranDate);
}
