using System.Data.Common;
using Dapper;
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

    public void Load(DbConnection connection, DbTransaction transaction, DateTimeOffset now)
    {
        var at = now.ToString("O");
        connection.Execute(
            """
            INSERT INTO utility_institutions (inst_id, name, api_key_hash, api_key_prefix, block_key_sealed, triple_des_key_sealed, rate_limit_per_second, created_at)
            VALUES ('00001', '演示银行', @hash, @prefix, @blockKey, @tripleDesKey, NULL, @at)
            """,
            new
            {
                hash = hasher.Hash(ApiKey),
                prefix = SecretHasher.Prefix(ApiKey),
                blockKey = box.Seal(Convert.FromHexString(BlockKeyHex)),
                tripleDesKey = box.Seal(Convert.FromHexString(TripleDesKeyHex)),
                at,
            },
            transaction);
        connection.Execute("INSERT INTO utility_companies (company_id, name) VALUES ('654321', '演示自来水公司')", transaction: transaction);
        connection.Execute(
            """
            INSERT INTO utility_customers (company_id, bill_key, contract_no, name, phone, address, customer_status, service_status, register_date)
            VALUES ('654321', '123456', 'CONTRACT001', '张三', '13812345678', '北京市朝阳区xxx街道xxx号', 1, 1, '20200101')
            """,
            transaction: transaction);
        var payments = Enumerable.Range(0, 36).Select(i =>
        {
            var month = new DateOnly(2021, 1, 15).AddMonths(i).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            return new { payDate = month, tranSeq = "DEMO" + month, at };
        });
        connection.Execute(
            """
            INSERT INTO utility_payments (company_id, bill_key, pay_date, amount_fen, inst_id, tran_date, tran_seq, channel, reversed_at, created_at)
            VALUES ('654321', '123456', @payDate, 15000, '00001', @payDate, @tranSeq, 'counter', NULL, @at)
            """,
            payments,
            transaction);
        connection.Execute(
            """
            INSERT INTO utility_bills (company_id, bill_no, bill_key, bill_month, amount_fen, late_fee_fen, payment_id)
            VALUES ('654321', @billNo, '123456', @month, 15000, 0, NULL)
            """,
            new[] { new { billNo = "B654321123456202401", month = "202401" }, new { billNo = "B654321123456202402", month = "202402" } },
            transaction);
    }
}
