namespace PayHub.GlobalAccounts;

/// <summary>
/// Where the API answers: every operation under <c>/amsin/api/v1</c> (WorldFirst), <c>/ams/api/v1</c>
/// (the official global-open-sdk clients) and <c>/ams/sandbox/api/v1</c> (where those clients go for a
/// Client-Id starting <c>SANDBOX_</c>), so a client built for the real service needs only its gateway URL changed.
/// </summary>
public static class GlobalPaths
{
    public static IReadOnlyList<string> Prefixes { get; } = ["/amsin/api/v1", "/ams/api/v1", "/ams/sandbox/api/v1"];

    /// <summary>The first segments the family owns: everything under them is answered in its signed envelope.</summary>
    public static IReadOnlyList<string> Roots { get; } = ["/amsin", "/ams"];

    /// <summary>Every full path of the operations, e.g. <c>/ams/sandbox/api/v1/authorizations/applyToken</c>.</summary>
    public static Dictionary<string, IGlobalOperation> Index(IEnumerable<IGlobalOperation> operations) =>
        operations.SelectMany(o => Prefixes.SelectMany(prefix => o.Paths.Select(path => (Path: prefix + path, Operation: o))))
            .ToDictionary(e => e.Path, e => e.Operation, StringComparer.Ordinal);
}
