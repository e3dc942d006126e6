using Dapper;
using Microsoft.Extensions.DependencyInjection;
using PayHub.Agreements;
using PayHub.RiskCases;
using PayHub.Storage;

namespace PayHub.Tests.Storage;

/// <summary>
/// The background claims (the push sender's due deliveries, the resolver's unknown agreements) skip the rows another
/// transaction holds instead of waiting for them (<see cref="RowLocks.SkipLocked"/>), so that nodes claiming work never
/// wait on each other: on PostgreSQL, while another transaction holds one due row, a claim takes the others at once. On
/// SQLite, whose one writer would wait for any other writer, a claim takes them all.
/// </summary>
public sealed class ClaimTests : IAsyncLifetime
{
    private readonly PayHubFactory _server = new();
    private Database _database = null!;

    public Task InitializeAsync()
    {
        // The server's own sender and resolver stay idle: the test claims.
        _server.Settings["PayHub:RiskPushIntervalMs"] = "3600000";
        _server.Settings["PayHub:DspResolverIntervalMs"] = "3600000";
        _server.CreateClient().Dispose();
        _database = _server.Services.GetRequiredService<Database>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_push_claim_skips_the_delivery_another_transaction_holds()
    {
        var ids = _database.Write(scope => Enumerable.Range(0, 3).Select(_ => (long)scope.Scalar(
            "INSERT INTO risk_deliveries (case_no, agent_no, reason, state, attempts, next_attempt_ms, last_error, created_at) " +
            "VALUES ('20230505153037394436862808100', 'FW1000161', 'created', 'pending', 0, 0, '', '2026-12-01T00:00:00Z') RETURNING delivery_id")!).ToList());

        var claimed = await ClaimWhileHeldAsync(
            "SELECT delivery_id FROM risk_deliveries WHERE delivery_id = @id FOR UPDATE",
            ids[1],
            () => _database.Write(scope => RiskDeliveryStore.ClaimDue(scope, long.MaxValue / 4, _ => long.MaxValue / 4, 60_000)).Select(d => d.Id));

        Assert.Equal(_database.Engine == DatabaseEngine.PostgreSql ? [ids[0], ids[2]] : ids, claimed.Where(ids.Contains).Order());
    }

    [Fact]
    public async Task A_resolver_claim_skips_the_agreement_another_transaction_holds()
    {
        var ids = _database.Write(scope =>
        {
            scope.Execute("UPDATE dsp_agreements SET state = 'unknown', next_check_ms = 0");
            return scope.Rows<long>("SELECT agreement_id FROM dsp_agreements ORDER BY agreement_id");
        });
        Assert.True(ids.Count >= 2, "the demo data has two agreements");

        var claimed = await ClaimWhileHeldAsync(
            "SELECT agreement_id FROM dsp_agreements WHERE agreement_id = @id FOR UPDATE",
            ids[0],
            () => _database.Write(scope => AgreementStore.ClaimDueForResolution(scope, long.MaxValue / 4, long.MaxValue / 4 + 1, 50)).Select(a => a.Id));

        Assert.Equal(_database.Engine == DatabaseEngine.PostgreSql ? ids.Skip(1) : ids, claimed.Order());
    }

    /// <summary>On PostgreSQL, runs the claim while another transaction holds row <paramref name="held"/>; it must not wait for it.</summary>
    private async Task<List<long>> ClaimWhileHeldAsync(string lockRow, long held, Func<IEnumerable<long>> claim)
    {
        if (_database.Engine != DatabaseEngine.PostgreSql)
        {
            return [.. claim()];
        }

        using var other = _database.Open();
        using var transaction = other.BeginTransaction();
        Assert.Equal(held, other.ExecuteScalar<long>(lockRow, new { id = held }, transaction));
        var claiming = Task.Run(() => claim().ToList());
        Assert.Same(claiming, await Task.WhenAny(claiming, Task.Delay(TimeSpan.FromSeconds(30))));
        transaction.Rollback();
        return await claiming;
    }
}
