using System.Globalization;

namespace PayHub.RiskCases;

/// <summary>The whole calendar months inside a time range: the first and last (yyyy-MM) and the instants they cover.</summary>
public sealed record MonthSpan(string FirstMonth, string LastMonth, string From, string To)
{
    /// <summary>
    /// The whole months within [start, end] (times yyyy-MM-dd HH:mm:ss; an empty start is the beginning
    /// of time, "9999" the end); null when the range holds no whole month.
    /// </summary>
    public static MonthSpan? WholeMonths(string start, string end)
    {
        var from = start.Length == 0 ? new DateTime(1900, 1, 1) : Parse(start);
        var to = end == "9999" ? new DateTime(2999, 12, 31, 23, 59, 59) : Parse(end);
        var first = new DateTime(from.Year, from.Month, 1);
        if (first < from)
        {
            first = first.AddMonths(1);
        }

        var lastEnd = new DateTime(to.Year, to.Month, 1).AddMonths(1).AddSeconds(-1);
        if (lastEnd > to)
        {
            lastEnd = new DateTime(to.Year, to.Month, 1).AddSeconds(-1);
        }

        var last = new DateTime(lastEnd.Year, lastEnd.Month, 1);
        return last < first
            ? null
            : new MonthSpan(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), last.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                first.ToString(RiskFields.TimeFormat, CultureInfo.InvariantCulture), lastEnd.ToString(RiskFields.TimeFormat, CultureInfo.InvariantCulture));
    }

    private static DateTime Parse(string time) => DateTime.ParseExact(time, RiskFields.TimeFormat, CultureInfo.InvariantCulture);
}
