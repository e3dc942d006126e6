using System.Data.Common;
using Dapper;
using PayHub.Protocols.Utility;

namespace PayHub.Utility;

/// <summary>Bills, payments and reversals: the reads and writes of Query, Pay, PayInvalid and PayCheck.</summary>
public static class BillStore
{
    /// <summary>The customer's name, or the refusal when the company (DEF0006) or the customer (DEF0005) is unknown.</summary>
    public static (string? CustomerName, UtilityAnswer? Refusal) FindCustomer(DbConnection connection, DbTransaction? transaction, string companyId, string billKey)
    {
        var (companyFound, name) = connection.QuerySingle<(long, string?)>(
            """
            SELECT CASE WHEN EXISTS (SELECT 1 FROM utility_companies WHERE company_id = @companyId) THEN 1 ELSE 0 END, c.name
            FROM (SELECT 1 AS one) AS q
            LEFT JOIN utility_customers c ON c.company_id = @companyId AND c.bill_key = @billKey
            """,
            new { companyId, billKey },
            transaction);
        return companyFound == 0 ? (null, UtilityAnswer.Refuse(UtilityRespCode.NoSuchCompany))
            : name is null ? (null, UtilityAnswer.Refuse(UtilityRespCode.NoSuchCustomer))
            : (name, null);
    }

    public static List<OutstandingBill> Outstanding(DbConnection connection, DbTransaction? transaction, string companyId, string billKey) =>
        connection.Query<OutstandingBill>(
            """
            SELECT bill_no AS BillNo, bill_month AS BillMonth, amount_fen AS AmountFen, late_fee_fen AS LateFeeFen
            FROM utility_bills WHERE company_id = @companyId AND bill_key = @billKey AND payment_id IS NULL
            ORDER BY bill_month
            """,
            new { companyId, billKey },
            transaction).AsList();

    /// <summary>
    /// Records a payment and marks the customer's outstanding bills paid by it; returns its receipt
    /// number, <c>R</c> + TranDate + the payment's number. The unique (inst_id, tran_date, tran_seq)
    /// of payments refuses a second payment under the same TranSeq, whichever node tries it.
    /// </summary>
    public static string RecordPayment(
        DbConnection connection, DbTransaction transaction, string companyId, string billKey, long amountFen,
        string instId, string tranDate, string tranSeq, string channel, string now)
    {
        var id = connection.ExecuteScalar<long>(
            """
            INSERT INTO utility_payments (company_id, bill_key, pay_date, amount_fen, inst_id, tran_date, tran_seq, channel, reversed_at, created_at)
            VALUES (@companyId, @billKey, @tranDate, @amountFen, @instId, @tranDate, @tranSeq, @channel, NULL, @now)
            RETURNING id
            """,
            new { companyId, billKey, tranDate, amountFen, instId, tranSeq, channel, now },
            transaction);
        var receiptNo = "R" + tranDate + id.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        connection.Execute("UPDATE utility_payments SET receipt_no = @receiptNo WHERE id = @id", new { receiptNo, id }, transaction);
        connection.Execute(
            "UPDATE utility_bills SET payment_id = @id WHERE company_id = @companyId AND bill_key = @billKey AND payment_id IS NULL",
            new { id, companyId, billKey },
            transaction);
        return receiptNo;
    }

    public static PaymentRecord? FindPayment(DbConnection connection, DbTransaction transaction, string instId, string tranDate, string tranSeq) =>
        connection.QuerySingleOrDefault<PaymentRecord>(
            """
            SELECT id AS Id, company_id AS CompanyId, bill_key AS BillKey, amount_fen AS AmountFen, tran_date AS TranDate, reversed_at AS ReversedAt
            FROM utility_payments WHERE inst_id = @instId AND tran_date = @tranDate AND tran_seq = @tranSeq
            """,
            new { instId, tranDate, tranSeq },
            transaction);

    /// <summary>Reverses a payment: records the reversal, marks the payment reversed, and makes its bills unpaid again.</summary>
    public static void Reverse(DbConnection connection, DbTransaction transaction, PaymentRecord payment, string instId, string tranDate, string tranSeq, string now)
    {
        connection.Execute(
            """
            INSERT INTO utility_reversals (inst_id, tran_date, tran_seq, payment_id, created_at)
            VALUES (@instId, @tranDate, @tranSeq, @Id, @now)
            """,
            new { instId, tranDate, tranSeq, payment.Id, now },
            transaction);
        connection.Execute("UPDATE utility_payments SET reversed_at = @now WHERE id = @Id", new { now, payment.Id }, transaction);
        connection.Execute("UPDATE utility_bills SET payment_id = NULL WHERE payment_id = @Id", new { payment.Id }, transaction);
    }

    /// <summary>The institution's payments and reversals of one TranDate, in the order they were recorded.</summary>
    public static List<ReconciliationLine> Reconciliation(DbConnection connection, DbTransaction? transaction, string instId, string tranDate) =>
        connection.Query<ReconciliationLine>(
            """
            SELECT TranDate, TranSeq, BillKey, AmountFen, Channel, Type FROM (
                SELECT p.created_at AS at, 0 AS kind, p.id AS id, p.tran_date AS TranDate, p.tran_seq AS TranSeq, p.bill_key AS BillKey,
                       p.amount_fen AS AmountFen, p.channel AS Channel, 'pay' AS Type
                FROM utility_payments p WHERE p.inst_id = @instId AND p.tran_date = @tranDate
                UNION ALL
                SELECT r.created_at, 1, r.id, r.tran_date, r.tran_seq, p.bill_key, p.amount_fen, p.channel, 'reversal'
                FROM utility_reversals r JOIN utility_payments p ON p.id = r.payment_id
                WHERE r.inst_id = @instId AND r.tran_date = @tranDate
            ) AS lines
            ORDER BY at, kind, id
            """,
            new { instId, tranDate },
            transaction).AsList();
}
