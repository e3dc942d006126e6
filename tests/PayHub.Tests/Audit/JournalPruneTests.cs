using Dapper;
using PayHub.Tests.Browser;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Audit;

/// <summary>
/// <c>PayHub:Journal:MaxEntries</c> and <c>RetentionDays</c>: a node's pruner removes the oldest entries beyond the
/// maximum, and every entry older than the retention, and nothing else.
/// </summary>
public sealed class JournalPruneTests
{
    [Fact]
    public async Task The_journal_keeps_the_newest_entries_up_to_its_maximum_and_none_past_its_retention()
    {
        using var server = new PayHubFactory();
        server.Settings["PayHub:Journal:MaxEntries"] = "3";
        server.Settings["PayHub:Journal:PruneIntervalMs"] = "100";
        var bank = new UtilityCaller(server.CreateClient());
        var requestIds = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var answered = await bank.SendAsync(UtilityCaller.CustomerCheck());
            Assert.Equal("AAAAAAA", answered.RespCode);
            requestIds.Add(answered.Http.Headers.GetValues("X-Request-Id").Single());
        }

        using var database = server.OpenDatabase();
        await Poll.UntilAsync(() => Task.FromResult(database.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_trail") <= 3), "the journal pruned to 3 entries");
        Assert.Equal(requestIds[^3..], database.Query<string>("SELECT request_id FROM audit_trail ORDER BY id").ToList());

        // A month later (past the 30 days' retention) every entry goes.
        server.Clock.Advance(TimeSpan.FromDays(31));
        await Poll.UntilAsync(() => Task.FromResult(database.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_trail") == 0), "the journal pruned by age");
    }
}
