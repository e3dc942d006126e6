using PayHub.Agreements;
using PayHub.Protocols.Agreements;
using PayHub.RiskCases;
using PayHub.Utility;
using PayHub.Storage;

namespace PayHub.Tests.Storage;

/// <summary>
/// The rows a write reads in order to change them are that write's until it ends: with writes running at once on
/// PostgreSQL, a second write reading the same row waits for the first and reads the state it left, never the state
/// before it. (On SQLite the one writer gives the same order.)
/// </summary>
public sealed class RowLockTests : IAsyncLifetime
{
    private const string DemoCase = "20230520083000223344556600100"; // the demo's DTJ case awaiting a reply
    private const string DemoAuthCode = "30101194506012712"; // the demo's signed agreement on ALIPAY01
    private readonly PayHubFactory _server = new();
    private Database _first = null!;
    private Database _second = null!;

    public Task InitializeAsync()
    {
        _server.CreateClient().Dispose(); // the demo data
        var location = _server.DatabasePath;
        _first = new Database(location);
        _second = new Database(location);
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
        var (seen, before) = await SecondReadsAfterFirstAsync(
            scope => RiskCaseStore.StateOf(scope, DemoCase)!.Value.AuditStatus,
            (scope, _) => RiskCaseStore.Reply(scope, DemoCase, "first reply", "phone", DateTimeOffset.UtcNow),
            scope => RiskCaseStore.StateOf(scope, DemoCase)!.Value);

        Assert.Equal(RiskCaseStore.Awaiting, before);
        Assert.Equal((RiskCaseStore.InReview, "first reply"), (seen.AuditStatus, seen.SurveyRemark));
    }

    [Theory]
    [InlineData(false)] // a second step, finding it as a request names it
    [InlineData(true)] // the resolver, finding it by its id
    public async Task A_second_change_of_an_agreement_reads_the_state_the_first_left(bool resolver)
    {
        var detail = new AtsyhFields().Set("AuthCode", DemoAuthCode);
        var (seen, before) = await SecondReadsAfterFirstAsync(
            scope =>
            {
                var agreement = AgreementStore.FindForChange(scope, "ALIPAY01", detail)!;
                return (agreement.Id, agreement.CodeAttempts);
            },
            (scope, read) => scope.Execute("UPDATE dsp_agreements SET code_attempts = code_attempts + 7 WHERE agreement_id = @p0", read.Id),
            scope => (resolver ? AgreementStore.FindByIdForChange(scope, AgreementId()) : AgreementStore.FindForChange(scope, "ALIPAY01", detail))!.CodeAttempts);

        Assert.Equal(before.CodeAttempts + 7, seen);
    }

    [Fact]
    public async Task A_second_payment_of_a_customer_finds_the_bills_the_first_paid()
    {
        var (seen, before) = await SecondReadsAfterFirstAsync(
            scope => BillStore.OutstandingForPayment(scope, "654321", "123456").Count,
            (scope, _) => BillStore.RecordPayment(scope, "654321", "123456", 30000, "00001", "20240101", "RACE0001", "bank", "2024-01-01T00:00:00Z"),
            scope => BillStore.OutstandingForPayment(scope, "654321", "123456").Count);

        Assert.Equal(2, before); // the demo's two unpaid bills
        Assert.Equal(0, seen);
    }

    [Fact]
    public async Task A_bill_issued_during_a_payment_is_not_paid_by_it()
    {
        var (issued, before) = await SecondReadsAfterFirstAsync(
            scope => BillStore.OutstandingForPayment(scope, "654321", "123456").Count,
            (scope, _) => BillStore.RecordPayment(scope, "654321", "123456", 30000, "00001", "20240101", "RACE0004", "bank", "2024-01-01T00:00:00Z"),
            scope =>
            {
                BillStore.InsertBill(scope, "654321", "123456", "RACEBILL", new BillCreate(null, "202403", 15000, 0));
                return true;
            });

        Assert.Equal(2, before);
        Assert.True(issued);
        using var check = _server.OpenDatabase();
        Assert.Null(Dapper.SqlMapper.ExecuteScalar<long?>(check, "SELECT payment_id FROM utility_bills WHERE bill_no = 'RACEBILL'"));
    }

    [Fact]
    public async Task A_second_reversal_of_a_payment_finds_it_reversed()
    {
        _first.Write(scope => BillStore.RecordPayment(scope, "654321", "123456", 30000, "00001", "20240101", "RACE0002", "bank", "2024-01-01T00:00:00Z"));
        var (seen, before) = await SecondReadsAfterFirstAsync(
            scope => BillStore.FindPaymentForReversal(scope, "00001", "20240101", "RACE0002")!,
            (scope, payment) => BillStore.Reverse(scope, payment, "00001", "20240101", "RACE0003", "2024-01-01T00:01:00Z"),
            scope => BillStore.FindPaymentForReversal(scope, "00001", "20240101", "RACE0002")!.ReversedAt);

        Assert.Null(before.ReversedAt);
        Assert.Equal("2024-01-01T00:01:00Z", seen);
    }

    private long AgreementId() => AgreementStore.IdByAuthCode(_first, DemoAuthCode)!.Value;

    /// <summary>
    /// The first write reads (locking), lets the second begin its read, waits, changes and commits; returns what the
    /// second read and what the first had read.
    /// </summary>
    private async Task<(TSeen Seen, TRead Read)> SecondReadsAfterFirstAsync<TRead, TSeen>(
        Func<WriteScope, TRead> firstRead, Action<WriteScope, TRead> firstChange, Func<WriteScope, TSeen> secondRead)
    {
        using var read = new ManualResetEventSlim();
        using var secondStarted = new ManualResetEventSlim();
        var first = Task.Run(() => _first.Write(scope =>
        {
            var value = firstRead(scope);
            read.Set();
            secondStarted.Wait(TimeSpan.FromSeconds(30));
            Thread.Sleep(300); // the second write is now reading: on PostgreSQL waiting for the row, on SQLite for the writer
            firstChange(scope, value);
            return value;
        }));
        Assert.True(read.Wait(TimeSpan.FromSeconds(30)));
        var second = Task.Run(() =>
        {
            secondStarted.Set();
            return _second.Write(secondRead);
        });

        var before = await first.WaitAsync(TimeSpan.FromSeconds(60));
        return (await second.WaitAsync(TimeSpan.FromSeconds(60)), before);
    }
}
