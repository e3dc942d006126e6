using System.Security.Claims;
using PayHub.Admin;
using PayHub.Secrets;

namespace PayHub.WebConsole;

/// <summary>
/// The console's sign-in: an admin token is exchanged once for a random session id, which the browser keeps in an
/// HttpOnly, SameSite=Strict cookie (Secure whenever the request came over HTTPS); the token itself never reaches a
/// cookie, a page or the database. Sessions are rows every node reads, looked up on every console request (no cache:
/// signing out ends a session everywhere at once).
/// </summary>
public sealed class ConsoleSessions(ConsoleSessionStore store, SecretHasher hasher, TimeProvider clock)
{
    public const string CookieName = "payhub_console";

    /// <summary>How long a session lasts from sign-in.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private const string CallerKey = "payhub.console.caller";

    /// <summary>Starts a session for an admin caller; returns the session id for the cookie, never stored.</summary>
    public string Start(AdminCaller caller)
    {
        var id = SecretHasher.NewSecret("pcs");
        var now = clock.GetUtcNow();
        store.Start(hasher.Hash(id), caller, now, now + Lifetime);
        return id;
    }

    /// <summary>The caller of the session the request's cookie names; null without a live session.</summary>
    public AdminCaller? CallerOf(HttpContext http) =>
        http.Request.Cookies[CookieName] is { Length: > 0 and < 100 } id ? store.CallerOf(hasher.Hash(id), clock.GetUtcNow()) : null;

    public void End(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is { Length: > 0 and < 100 } id)
        {
            store.End(hasher.Hash(id), clock.GetUtcNow());
        }

        http.Response.Cookies.Delete(CookieName, CookieOptions(http));
    }

    public static void WriteCookie(HttpContext http, string sessionId) =>
        http.Response.Cookies.Append(CookieName, sessionId, CookieOptions(http));

    /// <summary>Marks the request as the caller's: the anti-forgery tokens are then bound to this session.</summary>
    public static void SignIn(HttpContext http, AdminCaller caller, string sessionKey)
    {
        http.Items[CallerKey] = caller;
        http.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, sessionKey), new Claim(ClaimTypes.Name, caller.Label), new Claim(ClaimTypes.Role, caller.Role)],
            authenticationType: "PayHubConsole"));
    }

    /// <summary>The signed-in caller of this request; null on the sign-in page.</summary>
    public static AdminCaller? Caller(HttpContext http) => http.Items[CallerKey] as AdminCaller;

    /// <summary>A short key that names the session for anti-forgery binding, derived from the id (never the id itself).</summary>
    public string KeyOf(HttpContext http) =>
        http.Request.Cookies[CookieName] is { } id ? hasher.Hash("console-session:" + id)[..16] : "";

    private static CookieOptions CookieOptions(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/console",
        IsEssential = true,
    };
}
