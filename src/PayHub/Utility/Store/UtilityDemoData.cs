using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>
/// The demo data of SPEC.md for family A: institution 00001 with its key and cipher keys, company
/// 654321, customer 123456 (张三) with 36 monthly payments of 15000 fen, 20210115 to 20231215,
/// and two unpaid bills (202401, 202402) of 15000 fen each.
/// </summary>
public sealed class UtilityDemoData(SecretHasher hasher, SecretBox box) : IDemoData
{
    public const string ApiKey = "demo-utility-key";
    public const string BlockKeyHex = "0123456789abcdeffedcba9876543210";
    public const string TripleDesKeyHex = "0123456789abcdef23456789abcdef01456789abcdef0123";

    public void Load(WriteScope scope, DateTimeOffset now)
    {
        var at = now.ToString("O");
        scope.Execute(
            """
            INSERT INTO utility_institutions (inst_id, name, api_key_hash, api_key_prefix, block_key_sealed, triple_des_key_sealed, rate_limit_per_second, created_at)
            VALUES ('00001', '演示银行', @p0, @p1, @p2, @p3, NULL, @p4)
            """,
            hasher.Hash(ApiKey),
            SecretHasher.Prefix(ApiKey),
            box.Seal(Convert.FromHexString(BlockKeyHex)),
            box.Seal(Convert.FromHexString(TripleDesKeyHex)),
            at);
        scope.Execute("INSERT INTO utility_companies (company_id, name) VALUES ('654321', '演示自来水公司')");
        scope.Execute(
            """
            INSERT INTO utility_customers (company_id, bill_key, contract_no, name, phone, address, customer_status, service_status, register_date)
            VALUES ('654321', '123456', 'CONTRACT001', '张三', '13812345678', '北京市朝阳区xxx街道xxx号', 1, 1, '20200101')
            """);
        for (var i = 0; i < 36; i++)
        {
            var month = new DateOnly(2021, 1, 15).AddMonths(i).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            scope.Execute(
                """
                INSERT INTO utility_payments (company_id, bill_key, pay_date, amount_fen, inst_id, tran_date, tran_seq, channel, reversed_at, created_at)
                VALUES ('654321', '123456', @p0, 15000, '00001', @p0, @p1, 'counter', NULL, @p2)
                """,
                month,
                "DEMO" + month,
                at);
        }

        foreach (var month in (string[])["202401", "202402"])
        {
            scope.Execute(
                """
                INSERT INTO utility_bills (company_id, bill_no, bill_key, bill_month, amount_fen, late_fee_fen, payment_id)
                VALUES ('654321', @p0, '123456', @p1, 15000, 0, NULL)
                """,
                "B654321123456" + month,
                month);
        }
    }
}
