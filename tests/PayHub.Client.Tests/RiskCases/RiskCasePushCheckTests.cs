using System.Text;
using System.Text.Json;
using PayHub.Client.RiskCases;
using PayHub.Protocols.RiskCases;

namespace PayHub.Client.Tests.RiskCases;

/// <summary>The receiver's check of a push body, against bodies signed here with the shared MD5 sign.</summary>
public sealed class RiskCasePushCheckTests
{
    private const string AccessId = "4028805b6e86d179016e874f6c4200ad";
    private const string Secret = "demo-risk-secret";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));

    private static string? SecretOf(string accessId) => accessId == AccessId ? Secret : null;

    private static byte[] Push(string secret = Secret, string accessId = AccessId, DateTimeOffset? at = null, Func<string, string>? tamper = null)
    {
        var unsigned = $$"""{"caseNo":"C1","auditStatus":"DTJ","mercNum":"M1","surveyTime":"","accessid":"{{accessId}}","timestamp":{{(at ?? Now).ToUnixTimeMilliseconds()}}}""";
        using var document = JsonDocument.Parse(unsigned);
        var sign = RiskSign.Sign(document.RootElement, secret);
        var body = unsigned[..^1] + $$""","sign":"{{sign}}"}""";
        return Encoding.UTF8.GetBytes(tamper is null ? body : tamper(body));
    }

    private static RiskCasePushCheck Check(byte[] body) => RiskCasePushReceiver.Check(body, SecretOf, new FixedClock(Now));

    [Fact]
    public void A_genuine_push_gives_its_case()
    {
        var check = Check(Push());

        Assert.True(check.IsGenuine, check.Problem);
        Assert.Equal(("C1", "DTJ", AccessId), (check.Case!.CaseNo, check.Case.AuditStatus, check.AccessId));
    }

    [Fact]
    public void A_push_changed_after_signing_is_refused_with_10002()
    {
        var check = Check(Push(tamper: body => body.Replace("\"DTJ\"", "\"TG\"", StringComparison.Ordinal)));

        Assert.Equal((RiskReturnCode.BadSign, false), (check.ReturnCode, check.IsGenuine));
    }

    [Fact]
    public void Another_secret_an_unknown_accessid_a_stale_timestamp_and_garbage_are_refused_each_with_its_code()
    {
        Assert.Equal(RiskReturnCode.BadSign, Check(Push(secret: "other")).ReturnCode);
        Assert.Equal(RiskReturnCode.UnknownAccessId, Check(Push(accessId: "ffff")).ReturnCode);
        Assert.Equal(RiskReturnCode.BadSign, Check(Push(at: Now.AddMinutes(-6))).ReturnCode);
        Assert.True(Check(Push(at: Now.AddMinutes(-4))).IsGenuine);
        Assert.Equal(RiskReturnCode.BadParameter, Check("not json"u8.ToArray()).ReturnCode);
    }

    [Fact]
    public void Empty_times_written_as_objects_as_in_the_seed_read_as_empty()
    {
        var check = Check(Push(tamper: body => body.Replace("\"surveyTime\":\"\"", "\"surveyTime\":{}", StringComparison.Ordinal)));

        Assert.True(check.IsGenuine, check.Problem);
        Assert.Equal("", check.Case!.SurveyTime);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
