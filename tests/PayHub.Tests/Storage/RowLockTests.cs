using Microsoft.Extensions.DependencyInjection;
using PayHub.RiskCases;
using PayHub.Storage;

namespace PayHub.Tests.Storage;

/// <summary>
/// The rows a write reads in order to change them are that write's until it ends: with the database-wide write lock
/// taken away (as the concurrent-writers design will), a second write reading the same row waits for the first and
/// reads the state it left, never the state before it. (On SQLite the one writer gives the same order.)
/// </summary>
public sealed class RowLockTests : IAsyncLifetime
{
    private const string DemoCase = "20230520083000223344556600100"; // the demo's DTJ case awaiting a reply
    private readonly PayHubFactory _server = new();
    private Database _first = null!;
    private Database _second = null!;

    public Task InitializeAsync()
    {
        _server.CreateClient().Dispose(); // the demo data
        var location = _server.DatabasePath;
        _first = new Database(location) { WritesTakeTurns = false };
        _second = new Database(location) { WritesTakeTurns = false };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _first.Dispose();
        _second.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_second_change_of_a_case_reads_the_state_the_first_left()
    {
        using var firstRead = new ManualResetEventSlim();
        using var secondStarted = new ManualResetEventSlim();
        var first = Task.Run(() => _first.Write(scope =>
        {
            var before = RiskCaseStore.StateOf(scope, DemoCase)!.Value.AuditStatus;
            firstRead.Set();
            secondStarted.Wait(TimeSpan.FromSeconds(30));
            Thread.Sleep(300); // the second write is now reading the case: on PostgreSQL waiting for its row, on SQLite for the writer
            RiskCaseStore.Reply(scope, DemoCase, "first reply", "phone", DateTimeOffset.UtcNow);
            return before;
        }));
        Assert.True(firstRead.Wait(TimeSpan.FromSeconds(30)));
        var second = Task.Run(() =>
        {
            secondStarted.Set();
            return _second.Write(scope => RiskCaseStore.StateOf(scope, DemoCase)!.Value);
        });

        Assert.Equal(RiskCaseStore.Awaiting, await first.WaitAsync(TimeSpan.FromSeconds(60)));
        var seen = await second.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal((RiskCaseStore.InReview, "first reply"), (seen.AuditStatus, seen.SurveyRemark));
    }
}
