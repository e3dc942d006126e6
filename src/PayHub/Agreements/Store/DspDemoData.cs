using System.Text;
using PayHub.Agreements.Channels;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Agreements;

/// <summary>
/// The demo data of SPEC.md for family B: front-end <c>demo-frontend</c> (secret
/// <c>demo-dsp-secret</c>); simulated channels ALIPAY01 (alipay vocabulary), GZELINK01 and CMBC02
/// (bank vocabulary), each supporting 9108Auth with the fixed sandbox code 123456 and a 1 s timeout;
/// a signed agreement on ALIPAY01 for the seed table's sample payer, and an unsigned one on CMBC02
/// without a PolicyNo, whose unsign answers fail/EC801 as in the seed's response example.
/// </summary>
public sealed class DspDemoData(SecretBox box) : IDemoData
{
    public const string ClientId = "demo-frontend";
    public const string Secret = "demo-dsp-secret";
    public const string FixedCode = "123456";

    public void Load(WriteScope scope, DateTimeOffset now)
    {
        var at = now.ToString("O");
        scope.Execute(
            """
            INSERT INTO dsp_front_ends (client_id, name, secret_sealed, secret_prefix, rate_limit_per_second, created_at)
            VALUES (@p0, '演示前端系统', @p1, @p2, NULL, @p3)
            """,
            ClientId,
            box.Seal(Encoding.UTF8.GetBytes(Secret)),
            SecretHasher.Prefix(Secret),
            at);
        foreach (var (bankCode, name, vocabulary) in (ReadOnlySpan<(string, string, string)>)[("ALIPAY01", "支付宝代扣(沙箱)", SandboxVocabulary.Alipay), ("GZELINK01", "广州银联代扣(沙箱)", SandboxVocabulary.Bank), ("CMBC02", "民生银行代扣(沙箱)", SandboxVocabulary.Bank)])
        {
            scope.Execute(
                """
                INSERT INTO dsp_channels (bank_code, name, kind, command_codes, timeout_ms, settings, secret_sealed, enabled, version, created_at, updated_at)
                VALUES (@p0, @p1, 'simulated', '9108Auth', 1000, @p2, NULL, 1, 1, @p3, @p3)
                """,
                bankCode,
                name,
                $$"""{"vocabulary":"{{vocabulary}}","fixedCode":"{{FixedCode}}"}""",
                at);
            foreach (var e in SandboxVocabulary.DefaultCodeMap(vocabulary))
            {
                scope.Execute(
                    """
                    INSERT INTO dsp_code_map (bank_code, trans_type, step, original_code, unified_code, message)
                    VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
                    """,
                    bankCode, e.TransType, e.Step, e.OriginalCode, e.UnifiedCode, e.Message);
            }
        }

        Agreement(scope, at, "ALIPAY01", "79102100603450000018", "6217661145901883428", "30101194506012712", "30101194506012712", "signed",
            "名侦探悟空", "姬俞", "15158040490", "20991231", "12000.00", "signed when the demo was loaded");
        Agreement(scope, at, "CMBC02", "6123011880003601000", "001053110000001123", "", null, "unsigned",
            "测试", "测试收方", "15158040490", "20991231", "12000.00", "signed and later unsigned, before the demo was loaded");
    }

    private static void Agreement(
        WriteScope scope, string at, string bankCode, string payAct, string recAct, string policyNo, string? authCode,
        string state, string payName, string recName, string cellPhone, string deadLine, string singleLimit, string note)
    {
        var id = scope.Scalar(
            """
            INSERT INTO dsp_agreements (bank_code, pay_act, rec_act, policy_no, auth_code, state, prior_state, open_step, open_step_at_ms, code_attempts,
                unknown_trans_type, unknown_step, unknown_since_ms, unknown_checks, next_check_ms, pay_name, rec_name, cell_phone, dead_line, single_limit, created_at, updated_at)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p5, NULL, NULL, 0, NULL, NULL, NULL, 0, NULL, @p6, @p7, @p8, @p9, @p10, @p11, @p11)
            RETURNING agreement_id
            """,
            bankCode, payAct, recAct, policyNo, authCode, state, payName, recName, cellPhone, deadLine, singleLimit, at);
        scope.Execute(
            """
            INSERT INTO dsp_agreement_events (agreement_id, at, actor, trans_type, step, req_seq_id, original_code, unified_code, from_state, to_state, note)
            VALUES (@p0, @p1, 'demo', '', '', '', '', '', 'none', @p2, @p3)
            """,
            Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture), at, state, note);
        scope.Execute(
            """
            INSERT INTO dsp_sandbox_agreements (bank_code, pay_act, rec_act, policy_no, state, auth_code, code, code_sent_ms, updated_at)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, NULL, NULL, @p6)
            """,
            bankCode, payAct, recAct, policyNo, state, authCode, at);
    }
}
