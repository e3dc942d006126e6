using Dapper;
using PayHub.Storage;

namespace PayHub.Tests.Utility;

/// <summary>
/// The payment totals CustomerCheck reads are kept beside each customer by the database (migration
/// 0007): filled in for payments stored before it, and recomputed at every insert, reversal, move
/// and deletion of a payment, whoever writes it. The wire-level checks of the same figures are in
/// the billing session and admin tests.
/// </summary>
public sealed class CustomerTotalsTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("totals");

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    [Fact]
    public void Payments_stored_before_the_migration_are_counted_and_every_later_change_recounts()
    {
        using var database = new Database(TestDatabases.For(_folder));
        Migrator.Migrate(database, through: 6);
        using var connection = database.Open();
        connection.Execute("INSERT INTO utility_companies (company_id, name) VALUES ('C1', '水务')");
        foreach (var bill in new[] { "K1", "K2", "K3" })
        {
            connection.Execute(
                "INSERT INTO utility_customers (company_id, bill_key, name, phone, address, customer_status, service_status, register_date) VALUES ('C1', @bill, '张三', '13800000000', '北京', 1, 1, '20200101')",
                new { bill });
        }

        Pay(connection, "K1", "20240105", 1000, "S1");
        Pay(connection, "K1", "20240301", 2500, "S2");
        Pay(connection, "K1", "20240401", 700, "S3", reversed: true);
        Pay(connection, "K2", "20231201", 400, "S4", reversed: true);

        Migrator.Migrate(database);

        Assert.Equal((2L, 3500L, "20240301"), Totals(connection, "K1"));
        Assert.Equal((0L, 0L, null), Totals(connection, "K2"));
        Assert.Equal((0L, 0L, null), Totals(connection, "K3"));

        Pay(connection, "K1", "20240501", 300, "S5");
        Assert.Equal((3L, 3800L, "20240501"), Totals(connection, "K1"));

        connection.Execute("UPDATE utility_payments SET reversed_at = '2024-05-02T00:00:00Z' WHERE tran_seq = 'S5'");
        Assert.Equal((2L, 3500L, "20240301"), Totals(connection, "K1"));

        connection.Execute("UPDATE utility_payments SET reversed_at = NULL WHERE tran_seq = 'S4'");
        Assert.Equal((1L, 400L, "20231201"), Totals(connection, "K2"));

        connection.Execute("UPDATE utility_payments SET bill_key = 'K3', amount_fen = 2600 WHERE tran_seq = 'S2'");
        Assert.Equal((1L, 1000L, "20240105"), Totals(connection, "K1"));
        Assert.Equal((1L, 2600L, "20240301"), Totals(connection, "K3"));

        connection.Execute("DELETE FROM utility_payments WHERE tran_seq = 'S1'");
        Assert.Equal((0L, 0L, null), Totals(connection, "K1"));

        connection.Execute("UPDATE utility_payments SET receipt_no = 'R1' WHERE tran_seq = 'S2'");
        Assert.Equal((1L, 2600L, "20240301"), Totals(connection, "K3"));
    }

    private static void Pay(System.Data.Common.DbConnection connection, string billKey, string payDate, long amountFen, string tranSeq, bool reversed = false) =>
        connection.Execute(
            """
            INSERT INTO utility_payments (company_id, bill_key, pay_date, amount_fen, inst_id, tran_date, tran_seq, channel, reversed_at, created_at)
            VALUES ('C1', @billKey, @payDate, @amountFen, '00001', @payDate, @tranSeq, 'test', @reversedAt, '2024-01-01T00:00:00Z')
            """,
            new { billKey, payDate, amountFen, tranSeq, reversedAt = reversed ? "2024-06-01T00:00:00Z" : null });

    private static (long Count, long AmountFen, string? LastPayDate) Totals(System.Data.Common.DbConnection connection, string billKey) =>
        connection.QuerySingle<(long, long, string?)>(
            "SELECT pay_count, pay_amount_fen, last_pay_date FROM utility_customers WHERE company_id = 'C1' AND bill_key = @billKey",
            new { billKey });
}
