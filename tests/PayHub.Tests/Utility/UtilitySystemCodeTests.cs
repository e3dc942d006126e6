using System.Net;
using Dapper;

namespace PayHub.Tests.Utility;

/// <summary>SYS9998 (rate limit) and SYS9999 (internal failure): each on a server of its own, since both change how it behaves.</summary>
public sealed class UtilitySystemCodeTests
{
    [Fact]
    public async Task SYS9998_with_429_once_the_institution_is_over_its_configured_rate()
    {
        using var factory = new PayHubFactory();
        using var admin = factory.Admin();
        var configured = await admin.PutAsJsonAsync("/admin/institutions/00001", new { name = "演示银行", rateLimitPerSecond = 2 });
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
        var bank = new UtilityCaller(factory.CreateClient());

        var replies = new List<UtilityResponse>();
        for (var i = 0; i < 6; i++)
        {
            replies.Add(await bank.SendAsync(UtilityCaller.CustomerCheck()));
        }

        Assert.Equal("AAAAAAA", replies[0].RespCode);
        var limited = replies.Where(r => r.RespCode == "SYS9998").ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.Status));
        Assert.All(limited, r => Assert.Equal("application/xml", r.Http.Content.Headers.ContentType!.MediaType));
    }

    [Fact]
    public async Task Without_a_configured_rate_no_caller_is_limited()
    {
        using var factory = new PayHubFactory();
        var bank = new UtilityCaller(factory.CreateClient());

        var replies = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => bank.SendAsync(UtilityCaller.CustomerCheck())));

        Assert.All(replies, r => Assert.Equal("AAAAAAA", r.RespCode));
    }

    [Fact]
    public async Task SYS9999_with_500_when_the_database_fails_and_the_details_only_in_the_log()
    {
        using var factory = new PayHubFactory();
        var bank = new UtilityCaller(factory.CreateClient());
        Assert.Equal("AAAAAAA", (await bank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
        using (var connection = factory.OpenDatabase())
        {
            await connection.ExecuteAsync("ALTER TABLE utility_customers RENAME TO utility_customers_gone");
        }

        var tranSeq = UtilityCaller.NewTranSeq();
        var response = await bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq));

        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.Equal("SYS9999", response.RespCode);
        Assert.DoesNotContain("utility_customers", System.Text.Encoding.UTF8.GetString(response.Body));
        Assert.Contains(factory.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("utility_customers"));
        using var after = factory.OpenDatabase();
        Assert.Equal(0, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM utility_requests WHERE tran_seq = @tranSeq", new { tranSeq }));
        Assert.Equal("SYS9999", await after.ExecuteScalarAsync<string>(
            "SELECT outcome FROM audit_trail WHERE request_id = @id", new { id = response.Http.Headers.GetValues("X-Request-Id").Single() }));
    }

    [Fact]
    public async Task A_repeat_whose_write_failed_at_its_commit_gets_the_kept_answer_and_its_own_audit_row()
    {
        using var factory = new PayHubFactory();
        var bank = new UtilityCaller(factory.CreateClient());
        var tranSeq = UtilityCaller.NewTranSeq();
        var first = await bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq));
        Assert.Equal("AAAAAAA", first.RespCode);
        using (var connection = factory.OpenDatabase())
        {
            // From now on a write that registers this TranSeq fails at its commit (a deferred foreign key), after its audit row.
            await connection.ExecuteAsync(TestDatabases.Engine == PayHub.Storage.DatabaseEngine.PostgreSql
                ? $"""
                    CREATE TABLE test_nowhere (id INTEGER PRIMARY KEY);
                    CREATE TABLE test_commit_breaker (missing INTEGER REFERENCES test_nowhere (id) DEFERRABLE INITIALLY DEFERRED);
                    CREATE FUNCTION test_break_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO test_commit_breaker VALUES (1); RETURN NEW; END $$;
                    CREATE TRIGGER test_break_commit BEFORE INSERT ON utility_requests FOR EACH ROW WHEN (NEW.tran_seq = '{tranSeq}') EXECUTE FUNCTION test_break_commit();
                    """
                : $"""
                    CREATE TABLE test_nowhere (id INTEGER PRIMARY KEY);
                    CREATE TABLE test_commit_breaker (missing INTEGER REFERENCES test_nowhere (id) DEFERRABLE INITIALLY DEFERRED);
                    CREATE TRIGGER test_break_commit BEFORE INSERT ON utility_requests WHEN NEW.tran_seq = '{tranSeq}'
                    BEGIN INSERT INTO test_commit_breaker VALUES (1); END;
                    """);
        }

        var repeat = await bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq));

        // The kept answer stands; the repeat's audit row, rolled back with its write, is written on its own.
        Assert.Equal("AAAAAAA", repeat.RespCode);
        Assert.Equal(first.Message!.Fields, repeat.Message!.Fields);
        using var after = factory.OpenDatabase();
        Assert.Equal("AAAAAAA", await after.ExecuteScalarAsync<string>(
            "SELECT outcome FROM audit_trail WHERE request_id = @id", new { id = repeat.Http.Headers.GetValues("X-Request-Id").Single() }));
        Assert.Equal(2, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_trail WHERE sequence_no = @p", new { p = "20240101/" + tranSeq }));
    }
}
