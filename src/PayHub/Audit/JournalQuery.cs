namespace PayHub.Audit;

/// <summary>The query string of <c>GET /admin/journal</c> and its stream.</summary>
public sealed record JournalQuery(
    string? Family,
    string? Operation,
    string? Caller,
    string? Code,
    int? Status,
    string? From,
    string? To,
    string? RequestId,
    string? Text,
    long? Before,
    long? After,
    int? Limit)
{
    public JournalFilter Filter() => new(Family, Operation, Caller, Code, Status, Instant(From), Instant(To), RequestId, Text);

    /// <summary>A 400 naming each unreadable parameter; null when all are fine.</summary>
    public IResult? Problems()
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in (ReadOnlySpan<(string, string?)>)[("from", From), ("to", To)])
        {
            if (value is not null && Instant(value) is null)
            {
                errors[name] = ["an ISO 8601 instant with an offset, e.g. 2026-12-01T08:00:00+08:00"];
            }
        }

        return Admin.AdminApi.Invalid(errors);
    }

    private static DateTimeOffset? Instant(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var instant) ? instant : null;
}
