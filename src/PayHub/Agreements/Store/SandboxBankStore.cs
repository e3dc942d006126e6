using PayHub.Protocols.Agreements;
using PayHub.Storage;

namespace PayHub.Agreements.Channels;

/// <summary>The sandbox bank's own tables: its agreement book (<c>dsp_sandbox_agreements</c>) and SMS outbox (<c>dsp_sms_outbox</c>).</summary>
public static class SandboxBankStore
{
    /// <summary>The book's entry by its agreement number (the partial index <c>dsp_sandbox_agreements_auth_code</c>).</summary>
    internal const string ByAuthCode = "SELECT pay_act, rec_act, policy_no, state, auth_code, code, code_sent_ms FROM dsp_sandbox_agreements WHERE bank_code = @p0 AND auth_code = @p1";

    /// <summary>The book's entry by its accounts and policy (the book's primary key).</summary>
    internal const string ByAccounts = "SELECT pay_act, rec_act, policy_no, state, auth_code, code, code_sent_ms FROM dsp_sandbox_agreements WHERE bank_code = @p0 AND pay_act = @p1 AND rec_act = @p2 AND policy_no = @p3";

    /// <summary>The book's entry the request names (by AuthCode when it has one, else by its accounts and policy), its row locked for the change.</summary>
    public static SandboxBookEntry? Find(WriteScope scope, string bankCode, AtsyhFields detail)
    {
        using var reader = detail.Value("AuthCode") is { } authCode
            ? scope.Query(ByAuthCode + scope.Locks.ForUpdate, bankCode, authCode)
            : scope.Query(ByAccounts + scope.Locks.ForUpdate, bankCode, detail.Value("PayAct") ?? "", detail.Value("RecAct") ?? "", detail.Value("PolicyNo") ?? "");
        if (!reader.Read())
        {
            return null;
        }

        return new SandboxBookEntry(
            bankCode,
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? 0 : reader.GetInt64(6));
    }

    /// <summary>The code was right: the entry takes its new state and agreement number, and the code is spent.</summary>
    public static void Confirm(WriteScope scope, SandboxBookEntry entry, string state, string? authCode, DateTimeOffset now) =>
        scope.Append(
            """
            UPDATE dsp_sandbox_agreements SET state = @p0, auth_code = @p1, code = NULL, code_sent_ms = NULL, updated_at = @p2
            WHERE bank_code = @p3 AND pay_act = @p4 AND rec_act = @p5 AND policy_no = @p6
            """,
            state, authCode, now.ToString("O"), entry.BankCode, entry.PayAct, entry.RecAct, entry.PolicyNo);

    /// <summary>A code sent: the entry (new or existing) waits in <paramref name="state"/> for it, and the SMS is in the outbox.</summary>
    public static void CodeSent(WriteScope scope, string bankCode, string? payAct, string? recAct, string policyNo, string state, string code, string cellPhone, string text, DateTimeOffset now)
    {
        var at = now.ToString("O");
        scope.Append(
            """
            INSERT INTO dsp_sandbox_agreements (bank_code, pay_act, rec_act, policy_no, state, auth_code, code, code_sent_ms, updated_at)
            VALUES (@p0, @p1, @p2, @p3, @p4, NULL, @p5, @p6, @p7)
            ON CONFLICT (bank_code, pay_act, rec_act, policy_no) DO UPDATE SET state = excluded.state, code = excluded.code, code_sent_ms = excluded.code_sent_ms, updated_at = excluded.updated_at
            """,
            bankCode, payAct, recAct, policyNo, state, code, now.ToUnixTimeMilliseconds(), at);
        scope.Append("INSERT INTO dsp_sms_outbox (bank_code, cell_phone, code, text, sent_at) VALUES (@p0, @p1, @p2, @p3, @p4)", bankCode, cellPhone, code, text, at);
    }

    /// <summary>The SMS outbox, newest first (of one channel or phone, when given).</summary>
    public static List<SmsView> Sms(Database database, string? bankCode, string? cellPhone, int limit) =>
        database.Read(db => db.Rows<SmsView>(
            """
            SELECT message_id AS MessageId, bank_code AS BankCode, cell_phone AS CellPhone, code AS Code, text AS Text, sent_at AS SentAt
            FROM dsp_sms_outbox
            WHERE (CAST(@p0 AS TEXT) IS NULL OR bank_code = @p0) AND (CAST(@p1 AS TEXT) IS NULL OR cell_phone = @p1)
            ORDER BY message_id DESC LIMIT @p2
            """,
            bankCode,
            cellPhone,
            limit));
}
