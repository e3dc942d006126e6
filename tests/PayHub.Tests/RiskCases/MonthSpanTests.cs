using PayHub.RiskCases;

namespace PayHub.Tests.RiskCases;

/// <summary>The whole months inside a query's time range, whose totals come from the month table.</summary>
public sealed class MonthSpanTests
{
    [Theory]
    [InlineData("2024-05-01 00:00:00", "2024-05-31 23:59:59", "2024-05", "2024-05")]
    [InlineData("2024-05-01 00:00:01", "2024-07-31 23:59:59", "2024-06", "2024-07")]
    [InlineData("2024-04-30 12:00:00", "2024-06-30 23:59:58", "2024-05", "2024-05")]
    [InlineData("2024-02-01 00:00:00", "2024-02-29 23:59:59", "2024-02", "2024-02")]
    [InlineData("", "9999", "1900-01", "2999-12")]
    public void Finds_the_whole_months(string start, string end, string first, string last)
    {
        var span = MonthSpan.WholeMonths(start, end);

        Assert.Equal((first, last), (span!.FirstMonth, span.LastMonth));
    }

    [Theory]
    [InlineData("2024-05-01 00:00:01", "2024-05-31 23:59:59")]
    [InlineData("2024-05-10 00:00:00", "2024-06-20 00:00:00")]
    public void A_range_without_a_whole_month_has_none(string start, string end) => Assert.Null(MonthSpan.WholeMonths(start, end));
}
