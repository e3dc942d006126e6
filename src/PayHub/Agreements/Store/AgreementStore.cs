using System.Data.Common;
using PayHub.Protocols.Agreements;
using PayHub.Storage;

namespace PayHub.Agreements;

/// <summary>
/// Agreements and their history in <c>dsp_agreements</c> / <c>dsp_agreement_events</c>. Reads run on
/// a leased reader or inside a group-committed write; writes only inside one.
/// </summary>
public static class AgreementStore
{
    private const string Columns =
        "agreement_id, bank_code, pay_act, rec_act, policy_no, auth_code, state, prior_state, open_step, open_step_at_ms, code_attempts, " +
        "unknown_trans_type, unknown_step, unknown_since_ms, unknown_checks, next_check_ms, pay_name, rec_name, cell_phone, dead_line, single_limit";

    /// <summary>
    /// The agreement a request names (by AuthCode when given, else by (BankCode, PayAct, RecAct, PolicyNo); an absent
    /// PolicyNo matches one without), read without holding a thread while PostgreSQL answers: a step's first look.
    /// </summary>
    public static async ValueTask<Agreement?> FindAsync(PreparedStatements db, string bankCode, AtsyhFields detail)
    {
        var (sql, values) = Lookup(bankCode, detail, "");
        await using var reader = await db.QueryAsync(sql, values);
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    /// <summary>
    /// The agreement as <see cref="FindAsync"/> finds it, for a change of it: its row is this write's until it ends, so a
    /// step on another node waits and then reads the state this one leaves.
    /// </summary>
    public static Agreement? FindForChange(WriteScope scope, string bankCode, AtsyhFields detail)
    {
        var (sql, values) = Lookup(bankCode, detail, scope.Locks.ForUpdate);
        using var reader = scope.Query(sql, values);
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>The agreement by its id, for a change of it (its row locked, as <see cref="FindForChange"/>).</summary>
    public static Agreement? FindByIdForChange(WriteScope scope, long agreementId)
    {
        using var reader = scope.Query($"SELECT {Columns} FROM dsp_agreements WHERE agreement_id = @p0{scope.Locks.ForUpdate}", agreementId);
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>
    /// The key a write of the agreement the request names gives as its owner
    /// (<see cref="GroupCommit.WriteAsync{T}(string?, Func{WriteScope, T})"/>): it locks that agreement's row first.
    /// </summary>
    public static string OwnerKey(string bankCode, AtsyhFields detail) =>
        detail.Value("AuthCode") is { } authCode
            ? $"dsp-agreement/{bankCode}/{authCode}"
            : $"dsp-agreement/{bankCode}/{detail.Value("PayAct")}/{detail.Value("RecAct")}/{detail.Value("PolicyNo")}";

    private static (string Sql, object?[] Values) Lookup(string bankCode, AtsyhFields detail, string locks) =>
        detail.Value("AuthCode") is { } authCode
            ? ($"SELECT {Columns} FROM dsp_agreements WHERE bank_code = @p0 AND auth_code = @p1{locks}", [bankCode, authCode])
            : ($"SELECT {Columns} FROM dsp_agreements WHERE bank_code = @p0 AND pay_act = @p1 AND rec_act = @p2 AND policy_no = @p3{locks}",
                [bankCode, detail.Value("PayAct") ?? "", detail.Value("RecAct") ?? "", detail.Value("PolicyNo") ?? ""]);

    public static Agreement? FindById(PreparedStatements db, long agreementId)
    {
        using var reader = db.Query($"SELECT {Columns} FROM dsp_agreements WHERE agreement_id = @p0", agreementId);
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>Agreements whose channel outcome is unknown, waiting for the resolver (for metrics; read through the partial index).</summary>
    public static long UnknownCount(PreparedStatements db) =>
        Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM dsp_agreements WHERE state = 'unknown'"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Takes the unknown agreements that are due to be asked about, up to <paramref name="limit"/>:
    /// their next check moves to <paramref name="leaseUntilMs"/>, so no other node takes them
    /// meanwhile, and they are due again then if this node dies before it settles them. Agreements another transaction
    /// holds are skipped, not waited for.
    /// </summary>
    public static List<Agreement> ClaimDueForResolution(WriteScope scope, long nowMs, long leaseUntilMs, int limit)
    {
        var due = new List<Agreement>();
        using (var reader = scope.Query(
            $"SELECT {Columns} FROM dsp_agreements WHERE state = 'unknown' AND next_check_ms <= @p0 ORDER BY next_check_ms LIMIT @p1{scope.Locks.SkipLocked("dsp_agreements")}", nowMs, limit))
        {
            while (reader.Read())
            {
                due.Add(Read(reader));
            }
        }

        foreach (var agreement in due)
        {
            scope.Execute("UPDATE dsp_agreements SET next_check_ms = @p1 WHERE agreement_id = @p0", agreement.Id, leaseUntilMs);
        }

        return due;
    }

    /// <summary>Stores the agreement (a new one when its Id is 0) and the event that changed it; returns its id.</summary>
    public static long Save(WriteScope scope, Agreement agreement, AgreementEvent change, DateTimeOffset now)
    {
        var at = now.ToString("O");
        var id = agreement.Id;
        if (id == 0)
        {
            // Another writer may have inserted the same agreement since this one looked (FindForChange found nothing to lock):
            // then nothing is inserted, and the write runs again and changes that agreement instead.
            id = scope.Scalar(
                """
                INSERT INTO dsp_agreements (bank_code, pay_act, rec_act, policy_no, auth_code, state, prior_state, open_step, open_step_at_ms, code_attempts,
                    unknown_trans_type, unknown_step, unknown_since_ms, unknown_checks, next_check_ms, pay_name, rec_name, cell_phone, dead_line, single_limit, created_at, updated_at)
                VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17, @p18, @p19, @p20, @p20)
                ON CONFLICT DO NOTHING
                RETURNING agreement_id
                """,
                agreement.BankCode, agreement.PayAct, agreement.RecAct, agreement.PolicyNo, agreement.AuthCode, agreement.State, agreement.PriorState,
                agreement.OpenStep, agreement.OpenStepAtMs, agreement.CodeAttempts, agreement.UnknownTransType, agreement.UnknownStep, agreement.UnknownSinceMs,
                agreement.UnknownChecks, agreement.NextCheckMs, agreement.PayName, agreement.RecName, agreement.CellPhone, agreement.DeadLine, agreement.SingleLimit, at) as long?
                ?? throw new ConcurrentInsertException("agreement inserted concurrently");
        }
        else
        {
            // The row is locked (FindForChange): the change needs no answer, and travels with the write's next statement.
            scope.Append(
                """
                UPDATE dsp_agreements SET auth_code = @p1, state = @p2, prior_state = @p3, open_step = @p4, open_step_at_ms = @p5, code_attempts = @p6,
                    unknown_trans_type = @p7, unknown_step = @p8, unknown_since_ms = @p9, unknown_checks = @p10, next_check_ms = @p11,
                    pay_name = @p12, rec_name = @p13, cell_phone = @p14, dead_line = @p15, single_limit = @p16, updated_at = @p17
                WHERE agreement_id = @p0
                """,
                id, agreement.AuthCode, agreement.State, agreement.PriorState, agreement.OpenStep, agreement.OpenStepAtMs, agreement.CodeAttempts,
                agreement.UnknownTransType, agreement.UnknownStep, agreement.UnknownSinceMs, agreement.UnknownChecks, agreement.NextCheckMs,
                agreement.PayName, agreement.RecName, agreement.CellPhone, agreement.DeadLine, agreement.SingleLimit, at);
        }

        scope.Append(
            """
            INSERT INTO dsp_agreement_events (agreement_id, at, actor, trans_type, step, req_seq_id, original_code, unified_code, from_state, to_state, note)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10)
            """,
            id, at, change.Actor, change.TransType, change.Step, change.ReqSeqId, change.OriginalCode, change.UnifiedCode, change.FromState, change.ToState, change.Note);
        return id;
    }

    private static Agreement Read(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        r.GetString(6),
        r.GetString(7),
        r.IsDBNull(8) ? null : r.GetString(8),
        r.IsDBNull(9) ? null : r.GetInt64(9),
        r.GetInt32(10),
        r.IsDBNull(11) ? null : r.GetString(11),
        r.IsDBNull(12) ? null : r.GetString(12),
        r.IsDBNull(13) ? null : r.GetInt64(13),
        r.GetInt32(14),
        r.IsDBNull(15) ? null : r.GetInt64(15),
        r.GetString(16),
        r.GetString(17),
        r.GetString(18),
        r.GetString(19),
        r.GetString(20));

    /// <summary>The ids of the agreements that match, newest first.</summary>
    public static List<long> Ids(Database database, string? bankCode, string? payAct, string? recAct, string? state, int limit) =>
        database.Read(db => db.Rows<long>(
            """
            SELECT agreement_id FROM dsp_agreements
            WHERE (CAST(@p0 AS TEXT) IS NULL OR bank_code = @p0) AND (CAST(@p1 AS TEXT) IS NULL OR pay_act = @p1)
              AND (CAST(@p2 AS TEXT) IS NULL OR rec_act = @p2) AND (CAST(@p3 AS TEXT) IS NULL OR state = @p3)
            ORDER BY agreement_id DESC LIMIT @p4
            """,
            bankCode,
            payAct,
            recAct,
            state,
            limit));

    /// <summary>The first agreement given that AuthCode; null when none.</summary>
    public static long? IdByAuthCode(Database database, string authCode) =>
        database.Read(db => db.Row<long?>("SELECT agreement_id FROM dsp_agreements WHERE auth_code = @p0 ORDER BY agreement_id LIMIT 1", authCode));

    /// <summary>The agreement as the admin API shows it, with its whole history; null when there is none.</summary>
    public static AgreementView? View(Database database, long id) => database.Read(db =>
    {
        var agreement = FindById(db, id);
        if (agreement is null)
        {
            return null;
        }

        var history = db.Rows<AgreementEventView>(
            """
            SELECT at AS At, actor AS Actor, trans_type AS TransType, step AS Step, req_seq_id AS ReqSeqId, original_code AS OriginalCode,
                   unified_code AS UnifiedCode, from_state AS FromState, to_state AS ToState, note AS Note
            FROM dsp_agreement_events WHERE agreement_id = @p0 ORDER BY event_id
            """,
            id);
        return new AgreementView(
            agreement.Id, agreement.BankCode, agreement.PayAct, agreement.RecAct, agreement.PolicyNo, agreement.AuthCode, agreement.State,
            agreement.OpenStep, agreement.CodeAttempts, agreement.UnknownTransType is null ? null : agreement.UnknownTransType + "/" + agreement.UnknownStep,
            agreement.PayName, agreement.RecName, agreement.CellPhone, agreement.DeadLine, agreement.SingleLimit, history);
    });
}
