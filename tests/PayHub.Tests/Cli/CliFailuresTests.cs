using PayHub.Cli;
using PayHub.Hosting;

namespace PayHub.Tests.Cli;

/// <summary>How a failure that no setting explains is told: one line, exit 70, the stack trace only at Debug.</summary>
public sealed class CliFailuresTests
{
    [Fact]
    public void An_unexpected_failure_is_one_line_with_exit_70_that_says_how_to_see_more()
    {
        var (line, code) = CliFailures.Describe(new InvalidOperationException("the disk is on fire"));

        Assert.Equal(70, code);
        Assert.Contains("the disk is on fire", line, StringComparison.Ordinal);
        Assert.Contains("Logging__LogLevel__Default=Debug", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_problem_inside_another_failure_is_told_as_the_problem()
    {
        var wrapped = new AggregateException(new InvalidOperationException("outer", new StartupProblem("set PAYHUB__MASTERKEY", ExitCodes.Configuration)));

        Assert.Equal(("set PAYHUB__MASTERKEY", 78), CliFailures.Describe(wrapped));
    }
}
