namespace PayHub.Audit;

/// <summary>What <c>GET /admin/journal</c> and its stream select: every condition given must hold.</summary>
public sealed record JournalFilter(
    string? Family,
    string? Operation,
    string? Caller,
    string? Code,
    int? Status,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? RequestId,
    string? Text)
{
    /// <summary>Every entry.</summary>
    public static readonly JournalFilter None = new(null, null, null, null, null, null, null, null, null);
}
