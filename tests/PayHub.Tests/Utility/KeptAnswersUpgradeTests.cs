using System.Data.Common;
using Dapper;
using PayHub.Storage;
using PayHub.Utility;

namespace PayHub.Tests.Utility;

/// <summary>
/// Migration 0008 rebuilds the TranSeq register and the audit trail (on SQLite: rows in arrival
/// order, the TranSeq's uniqueness in an index of its own, no AUTOINCREMENT counter). What was
/// stored before it still answers: a kept answer is replayed to its repeat, other content under a
/// kept TranSeq is DEF0004, a TranSeq is still registered once, and audit rows keep their ids.
/// </summary>
public sealed class KeptAnswersUpgradeTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("upgrade");

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    [Fact]
    public async Task Answers_and_audit_rows_kept_before_the_rebuild_still_stand_after_it()
    {
        var keptSeq = UtilityCaller.NewTranSeq();
        var otherSeq = UtilityCaller.NewTranSeq();
        using (var database = new Database(TestDatabases.For(_folder)))
        {
            Migrator.Migrate(database, through: 7);
            using var connection = database.Open();
            Keep(connection, keptSeq, UtilityFields.Fingerprint(UtilityCaller.CustomerCheck(keptSeq)), """{"RespMessage":"升级前的答案","customerName":"李四"}""");
            Keep(connection, otherSeq, "fingerprint of some other request", """{"RespMessage":"查询成功"}""");
            for (var i = 0; i < 3; i++)
            {
                connection.Execute(
                    """
                    INSERT INTO audit_trail (at, family, operation, caller, sequence_no, outcome, latency_ms, request_id, request, response)
                    VALUES ('2024-01-01T00:00:00Z', 'utility', 'CustomerCheck', '00001', @sequenceNo, 'AAAAAAA', 1, @requestId, '', '')
                    """,
                    new { sequenceNo = "20240101/OLD" + i, requestId = "old-request-" + i });
            }
        }

        using var server = PayHubFactory.On(_folder);
        var bank = new UtilityCaller(server.CreateClient());

        var repeat = await bank.SendAsync(UtilityCaller.CustomerCheck(keptSeq));
        Assert.Equal("AAAAAAA", repeat.RespCode);
        Assert.Equal("升级前的答案", repeat["RespMessage"]);
        Assert.Equal("李四", repeat["customerName"]);

        var reused = await bank.SendAsync(UtilityCaller.CustomerCheck(otherSeq));
        Assert.Equal("DEF0004", reused.RespCode);

        var fresh = await bank.SendAsync(UtilityCaller.CustomerCheck());
        Assert.Equal("AAAAAAA", fresh.RespCode);
        Assert.Equal("张三", fresh["customerName"]);

        using var after = server.OpenDatabase();
        Assert.Equal(1, after.ExecuteScalar<long>("SELECT COUNT(*) FROM utility_requests WHERE tran_seq = @keptSeq", new { keptSeq }));
        Assert.ThrowsAny<DbException>(() => Keep(after, keptSeq, "another", "{}"));

        var trail = after.Query<(long Id, string RequestId)>("SELECT id, request_id FROM audit_trail ORDER BY id").ToList();
        Assert.Equal([(1L, "old-request-0"), (2L, "old-request-1"), (3L, "old-request-2")], trail.Take(3));
        // The three new rows follow the old ones (PostgreSQL's sequence may leave gaps: a batch run again takes new ids).
        var added = trail.Skip(3).Select(row => row.Id).ToList();
        Assert.Equal(3, added.Count);
        Assert.True(added[0] > 3 && added[0] < added[1] && added[1] < added[2], "new audit ids " + string.Join(", ", added));
        Assert.Equal(fresh.Http.Headers.GetValues("X-Request-Id").Single(), trail[^1].RequestId);
    }

    private static void Keep(DbConnection connection, string tranSeq, string contentHash, string response) =>
        connection.Execute(
            """
            INSERT INTO utility_requests (inst_id, tran_date, tran_seq, tran_code, content_hash, resp_code, response, created_at)
            VALUES ('00001', '20240101', @tranSeq, 'CustomerCheck', @contentHash, 'AAAAAAA', @response, '2024-01-01T00:00:00Z')
            """,
            new { tranSeq, contentHash, response });
}
