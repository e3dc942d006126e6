using System.Data.Common;
using Dapper;
using PayHub.Audit;
using PayHub.Protocols.Utility;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>The identity of a utility request: the bank's InstId, TranDate and TranSeq.</summary>
public sealed record TranSeqKey(string InstId, string TranDate, string TranSeq);

/// <summary>
/// The TranSeq register. In one group-committed write it looks the TranSeq up, applies the
/// operation's effect when the TranSeq is new, keeps final answers for repeats, and records the
/// audit row, so an answer, its effect and its audit row become durable together. The primary key
/// (inst_id, tran_date, tran_seq) makes concurrent duplicates on any number of nodes give one effect.
/// </summary>
public sealed class UtilityLedger(Database database, GroupCommit groupCommit, AuditRecorder audit, TimeProvider clock)
{
    public Task<UtilityAnswer> RegisterAsync(
        TranSeqKey key,
        string tranCode,
        string fingerprint,
        Func<DbConnection, DbTransaction, UtilityAnswer> apply,
        Func<UtilityAnswer, AuditEntry> auditOf) =>
        groupCommit.WriteAsync((connection, transaction) =>
        {
            var answer = Find(connection, transaction, key, fingerprint);
            if (answer is null)
            {
                answer = apply(connection, transaction);
                if (UtilityRespCode.IsFinal(answer.RespCode))
                {
                    Insert(connection, transaction, key, tranCode, fingerprint, answer);
                }
            }

            audit.Record(connection, transaction, auditOf(answer));
            return answer;
        });

    /// <summary>The answer a repeat gets: the kept answer for the same content, DEF0004 for other content, null when the TranSeq is new.</summary>
    public async Task<UtilityAnswer?> FindAsync(TranSeqKey key, string fingerprint)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        return Find(connection, transaction, key, fingerprint);
    }

    private static UtilityAnswer? Find(DbConnection connection, DbTransaction transaction, TranSeqKey key, string fingerprint)
    {
        var kept = connection.QuerySingleOrDefault<(string ContentHash, string RespCode, string Response)>(
            """
            SELECT content_hash, resp_code, response FROM utility_requests
            WHERE inst_id = @InstId AND tran_date = @TranDate AND tran_seq = @TranSeq
            """,
            key,
            transaction);
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

    private void Insert(DbConnection connection, DbTransaction transaction, TranSeqKey key, string tranCode, string fingerprint, UtilityAnswer answer)
    {
        var kept = new UtilityMessage("kept").Set("RespMessage", answer.RespMessage);
        foreach (var (name, value) in answer.Fields)
        {
            kept.Set(name, value);
        }

        connection.Execute(
            """
            INSERT INTO utility_requests (inst_id, tran_date, tran_seq, tran_code, content_hash, resp_code, response, created_at)
            VALUES (@InstId, @TranDate, @TranSeq, @tranCode, @fingerprint, @RespCode, @response, @createdAt)
            """,
            new
            {
                key.InstId,
                key.TranDate,
                key.TranSeq,
                tranCode,
                fingerprint,
                answer.RespCode,
                response = System.Text.Encoding.UTF8.GetString(UtilityJsonCodec.Write(kept)),
                createdAt = clock.GetUtcNow().ToString("O"),
            },
            transaction);
    }
}
