using System.Reflection;
using System.Text.RegularExpressions;
using PayHub.Sandbox;

namespace PayHub.Tests.Sandbox;

/// <summary>The business rules read time only through <see cref="BusinessClock"/>: none reads the machine clock itself.</summary>
public sealed partial class BusinessClockUseTests
{
    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\.(Utc)?Now\b|\bTimeProvider\.System\b|\bStopwatch\.GetTimestamp\b|\bEnvironment\.TickCount")]
    private static partial Regex MachineClock();

    /// <summary>
    /// Times written down outside the server's rules: when a migration ran, when the CLI wrote a book or a token, the one
    /// registration of the real clock, and the caller's clock that <c>payhub call</c> and <c>conform</c> date their requests with.
    /// </summary>
    private static readonly string[] Allowed = ["Storage/Migrator.cs", "RiskCases/Store/SyntheticBook.cs", "Cli/StoreCommands.cs", "Hosting/PayHubServer.cs", "Cli/Calls/CallCommand.cs", "Cli/Conformance/ConformCommand.cs"];

    [Fact]
    public void No_source_file_reads_the_machine_clock_but_the_few_that_record_when_something_ran()
    {
        var source = Path.Combine(Storage.SqlPlacementTests.RepositoryRoot(), "src", "PayHub");
        var readers = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(source, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Where(path => MachineClock().IsMatch(File.ReadAllText(Path.Combine(source, path))))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Allowed.Order(StringComparer.Ordinal), readers);
    }

    [Theory]
    [InlineData(typeof(PayHub.Agreements.Channels.SandboxBank))]
    [InlineData(typeof(PayHub.Agreements.AgreementFlow))]
    [InlineData(typeof(PayHub.Agreements.UnknownOutcomeResolver))]
    [InlineData(typeof(PayHub.GlobalAccounts.OAuthGrants))]
    [InlineData(typeof(PayHub.GlobalAccounts.CustomerResolution))]
    [InlineData(typeof(PayHub.Utility.PaymentReversal))]
    [InlineData(typeof(PayHub.RiskCases.RiskPushSender))]
    public void Every_clock_dependent_rule_is_given_the_business_clock(Type rule) =>
        Assert.Contains(rule.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Single().GetParameters(), p => p.ParameterType == typeof(BusinessClock));
}
