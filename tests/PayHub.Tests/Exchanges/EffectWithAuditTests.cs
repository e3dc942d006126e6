using System.Data.Common;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PayHub.Exchanges;
using PayHub.Protocols.Agreements;
using PayHub.Tests.Agreements;
using PayHub.Tests.GlobalAccounts;
using PayHub.Tests.RiskCases;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Exchanges;

/// <summary>
/// For every operation with an effect (a payment, an agreement step, a token issuance, a case reply) the
/// audit row is written in the effect's own transaction: when the server stops between the effect and the
/// answer, the database holds both; when the write fails before its commit, it holds neither.
/// </summary>
public sealed class EffectWithAuditTests
{
    /// <summary>One operation with an effect: how to prepare and send it, its success code, and how to count its effect.</summary>
    public sealed record Effect(string Family, string Success, string EffectCount, Func<PayHubFactory, Task<Func<Task<string>>>> Prepare)
    {
        public override string ToString() => Family;
    }

    public static TheoryData<string> Families() => ["utility", "dsp", "global", "risk"];

    private static Effect Of(string family) => family switch
    {
        "utility" => new("utility", "AAAAAAA", "SELECT COUNT(*) FROM utility_payments", factory =>
        {
            var bank = new UtilityCaller(factory.CreateClient());
            var pay = BillingSessionTests.Request("Pay", UtilityCaller.NewTranSeq()).Set("companyId", "654321").Set("billKey", "123456").Set("amount", "30000");
            return Task.FromResult<Func<Task<string>>>(async () => (await bank.SendAsync(pay, Protocols.Utility.UtilityDataType.Xml, null)).RespCode);
        }),
        "dsp" => new("dsp", "EC100", "SELECT COUNT(*) FROM dsp_agreement_events", factory =>
        {
            var frontEnd = new DspCaller(factory.CreateClient());
            var step = DspCaller.Step(TransType.Contract, "01", DspCaller.NewPayAct());
            return Task.FromResult<Func<Task<string>>>(async () => (await frontEnd.SendAsync(step)).UnifiedCode);
        }),
        "global" => new("global", "SUCCESS", "SELECT COUNT(*) FROM ga_grants WHERE kind = 'access'", async factory =>
        {
            using var admin = factory.Admin();
            var issued = await admin.PostAsync("/admin/integrators/DEMO_CLIENT_001/customers/2188120000000001/auth-codes", null);
            var code = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authCode").GetString();
            var client = new GlobalCaller(factory.CreateClient(), factory.Clock);
            return async () => (await client.PostAsync(GlobalCaller.ApplyToken, $$"""{"grantType":"AUTHORIZATION_CODE","authCode":"{{code}}"}""")).ResultCode;
        }),
        _ => new("risk", "10000", "SELECT COUNT(*) FROM risk_cases WHERE audit_status = 'DSH'", async factory =>
        {
            using var admin = factory.Admin();
            var created = await admin.PostAsJsonAsync("/admin/cases", new { mercNum = "833163489120001", typeNo = "T00038", riskTypeRules = "SR00045", caseDealWay = "investigate" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var caseNo = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("row").GetProperty("caseNo").GetString()!;
            var agent = new RiskCaller(factory.CreateClient());
            return async () => (await agent.ReplyAsync(caseNo, "已电话回访")).ReturnCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }),
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Stopped_between_the_effect_and_the_answer_the_database_holds_both(string family)
    {
        var effect = Of(family);
        var hold = new HoldBeforeAnswer(family);
        using var factory = new PayHubFactory();
        factory.TestServices.Add(services => services.AddSingleton<IExchangeHook>(hold));
        var send = await effect.Prepare(factory);
        var (effectsBefore, auditsBefore) = Count(factory, effect);

        var answered = send();
        await hold.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The answer has not gone out: what a crash now would leave on disk is what the database holds now.
        Assert.False(answered.IsCompleted);
        var (effectsHeld, auditsHeld) = Count(factory, effect);
        Assert.True(effectsHeld > effectsBefore, $"the effect is written ({effectsBefore} → {effectsHeld})");
        Assert.Equal(auditsBefore + 1, auditsHeld);
        hold.Release.SetResult();
        Assert.Equal(effect.Success, await answered);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task A_write_that_fails_before_its_commit_leaves_neither(string family)
    {
        var effect = Of(family);
        using var factory = new PayHubFactory();
        var send = await effect.Prepare(factory);
        RefuseAuditRows(factory, family, effect.Success);
        var (effectsBefore, auditsBefore) = Count(factory, effect);

        var outcome = await send();

        Assert.NotEqual(effect.Success, outcome);
        Assert.Equal((effectsBefore, auditsBefore), Count(factory, effect));
    }

    private static (long Effects, long Audits) Count(PayHubFactory factory, Effect effect)
    {
        using var connection = factory.OpenDatabase();
        return (Scalar(connection, effect.EffectCount), Scalar(connection, $"SELECT COUNT(*) FROM audit_trail WHERE family = '{effect.Family}' AND outcome = '{effect.Success}'"));
    }

    private static long Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A trigger that fails the audit row of a success in the family: its write, the effect included, is rolled back.</summary>
    private static void RefuseAuditRows(PayHubFactory factory, string family, string success)
    {
        using var connection = factory.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = connection.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal)
            ? $"""
              CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the disk is full'; END $$;
              CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_trail FOR EACH ROW WHEN (NEW.family = '{family}' AND NEW.outcome = '{success}') EXECUTE FUNCTION refuse_audit();
              """
            : $"CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_trail WHEN NEW.family = '{family}' AND NEW.outcome = '{success}' BEGIN SELECT RAISE(ABORT, 'the disk is full'); END;";
        command.ExecuteNonQuery();
    }

    /// <summary>Holds the family's first exchange with an effect just before its answer goes out.</summary>
    private sealed class HoldBeforeAnswer(string family) : IExchangeHook
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask AnsweringAsync(Exchange exchange)
        {
            if (exchange.Family == family && exchange.Audited && Reached.TrySetResult())
            {
                await Release.Task;
            }
        }
    }
}
