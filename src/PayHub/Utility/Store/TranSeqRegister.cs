using PayHub.Protocols.Utility;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>
/// The TranSeq register. In one group-committed write it registers the TranSeq, applies the
/// operation's effect when the TranSeq is new, keeps final answers for repeats, and records the
/// audit row, so an answer, its effect and its audit row become durable together. The primary key
/// (inst_id, tran_date, tran_seq) makes concurrent duplicates on any number of nodes give one effect.
/// </summary>
public sealed class TranSeqRegister(Database database, GroupCommit groupCommit, TimeProvider clock)
{
    private const string InsertSql = """
        INSERT INTO utility_requests (inst_id, tran_date, tran_seq, tran_code, content_hash, resp_code, response, created_at)
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)
        ON CONFLICT (inst_id, tran_date, tran_seq) DO NOTHING
        """;

    /// <summary>
    /// Registers a request, in the lane of <paramref name="owner"/> (the customer an effect changes) or else of the TranSeq.
    /// <paramref name="apply"/> is null for an operation that only reads: its
    /// prepared answer is kept at once (one statement), and a repeat finds the kept one. Otherwise the
    /// TranSeq is looked up first and the effect applied only when it is new. What can be computed
    /// before the write (the kept answer's text, the audit row of the prepared answer) is computed
    /// here, on the caller's thread, so the single writer does only the statements.
    /// </summary>
    public Task<UtilityAnswer> RegisterAsync(
        TranSeqKey key,
        string tranCode,
        string fingerprint,
        UtilityAnswer prepared,
        Func<WriteScope, UtilityAnswer>? apply,
        UtilityExchange exchange,
        string? owner = null)
    {
        var preparedText = apply is null ? KeptText(prepared) : "";
        var preparedAudit = apply is null ? exchange.AuditOf(prepared) : null;
        return groupCommit.WriteAsync(owner ?? $"utility-request/{key.InstId}/{key.TranDate}/{key.TranSeq}", scope =>
        {
            UtilityAnswer answer;
            if (apply is null)
            {
                var kept = !UtilityRespCode.IsFinal(prepared.RespCode) || Insert(scope, key, tranCode, fingerprint, prepared.RespCode, preparedText);
                answer = kept ? prepared : Find(scope, key, fingerprint)!;
            }
            else
            {
                answer = Find(scope, key, fingerprint) ?? apply(scope);
                if (UtilityRespCode.IsFinal(answer.RespCode) &&
                    !Insert(scope, key, tranCode, fingerprint, answer.RespCode, ReferenceEquals(answer, prepared) ? preparedText : KeptText(answer)))
                {
                    // Another writer registered this TranSeq since the look-up: undo this write; run again, it finds that answer.
                    throw new ConcurrentInsertException("TranSeq registered concurrently");
                }
            }

            if (answer.RespCode == UtilityRespCode.TranSeqReused)
            {
                var first = AuditTrailStore.FirstRequestId(scope, "utility", key.InstId, $"{key.TranDate}/{key.TranSeq}");
                exchange.Refuse("transeq", $"TranSeq {key.TranSeq} of {key.TranDate} was first used by request {first ?? "(no longer in the journal)"} with other content");
            }

            exchange.RecordAudit(scope, ReferenceEquals(answer, prepared) && preparedAudit is not null ? preparedAudit : exchange.AuditOf(answer));
            return answer;
        });
    }

    /// <summary>The answer a repeat gets: the kept answer for the same content, DEF0004 for other content, null when the TranSeq is new.</summary>
    public UtilityAnswer? Find(TranSeqKey key, string fingerprint) => database.Read(db => Find(db, key, fingerprint));

    private static UtilityAnswer? Find(PreparedStatements db, TranSeqKey key, string fingerprint) =>
        Decide(
            db.Row<(string ContentHash, string RespCode, string Response)>(
                "SELECT content_hash, resp_code, response FROM utility_requests WHERE inst_id = @p0 AND tran_date = @p1 AND tran_seq = @p2",
                key.InstId,
                key.TranDate,
                key.TranSeq),
            fingerprint);

    private static UtilityAnswer? Decide((string ContentHash, string RespCode, string Response) kept, string fingerprint)
    {
        if (kept.ContentHash is null)
        {
            return null;
        }

        if (kept.ContentHash != fingerprint)
        {
            return UtilityAnswer.Refuse(UtilityRespCode.TranSeqReused);
        }

        var stored = UtilityJsonCodec.Read(System.Text.Encoding.UTF8.GetBytes(kept.Response), "kept").Message!;
        return new UtilityAnswer(kept.RespCode, stored.Get("RespMessage") ?? "", [.. stored.Fields.Skip(1)]);
    }

    /// <summary>The answer as kept for repeats: its message and fields as one JSON object.</summary>
    private static string KeptText(UtilityAnswer answer)
    {
        var kept = new UtilityMessage("kept").Set("RespMessage", answer.RespMessage);
        for (var i = 0; i < answer.Fields.Count; i++)
        {
            kept.Set(answer.Fields[i].Key, answer.Fields[i].Value);
        }

        return System.Text.Encoding.UTF8.GetString(UtilityJsonCodec.Write(kept));
    }

    /// <summary>
    /// Keeps the answer; false when the TranSeq was registered already. A new TranSeq is the rule, so in a batch it is
    /// assumed new and costs no round trip of its own (<see cref="PreparedStatements.InsertIfNew"/>).
    /// </summary>
    private bool Insert(WriteScope scope, TranSeqKey key, string tranCode, string fingerprint, string respCode, string keptText) =>
        scope.InsertIfNew(
            InsertSql,
            key.InstId,
            key.TranDate,
            key.TranSeq,
            tranCode,
            fingerprint,
            respCode,
            keptText,
            clock.GetUtcNow().ToString("O"));
}
