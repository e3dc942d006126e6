using System.Buffers;

namespace PayHub.Hosting;

/// <summary>
/// Every response carries <c>X-Request-Id</c>: the caller's, when it sent one of at most 64 safe
/// characters, else a new one. The id is also the request's trace identifier in logs and the audit trail.
/// </summary>
public static class RequestIds
{
    public const string Header = "X-Request-Id";

    private static readonly SearchValues<char> Safe =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:");

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var given = context.Request.Headers[Header].ToString();
        var id = IsSafe(given) ? given : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = id;
        context.Response.Headers[Header] = id;
        return next(context);
    });

    public static bool IsSafe(string id) => id.Length is > 0 and <= 64 && !id.AsSpan().ContainsAnyExcept(Safe);
}
