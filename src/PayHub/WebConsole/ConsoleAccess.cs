using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using PayHub.Admin;
using PayHub.WebConsole.Pages;

namespace PayHub.WebConsole;

/// <summary>
/// Who may use a console page: everything under <c>/console</c> but the sign-in page and the assets needs a live
/// session (without one a page redirects to sign-in); every state-changing request needs the anti-forgery token the
/// page's form carries, bound to its session; a read-only caller's changes are refused. Changes are journaled as the
/// admin API's are (family <c>admin</c>, the token's label as the caller).
/// </summary>
public static class ConsoleAccess
{
    public static IApplicationBuilder UseConsoleSessions(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/console", StringComparison.Ordinal),
            branch => branch.Use(async (http, next) =>
            {
                await Task.Yield(); // the console's reads and writes run on the thread pool, never on a socket thread
                var clock = http.RequestServices.GetRequiredService<TimeProvider>();
                var started = clock.GetTimestamp();
                var path = http.Request.Path;
                if (path.StartsWithSegments("/console/assets", StringComparison.Ordinal))
                {
                    await next(http);
                    return;
                }

                http.Response.Headers.CacheControl = "no-cache, no-store";
                http.Response.Headers.Pragma = "no-cache";
                http.Response.Headers.XFrameOptions = "DENY";
                http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'";
                http.Response.Headers["Referrer-Policy"] = "same-origin";
                http.Response.Headers.XContentTypeOptions = "nosniff";

                var sessions = http.RequestServices.GetRequiredService<ConsoleSessions>();
                var signInPage = path.StartsWithSegments("/console/sign-in", StringComparison.Ordinal);
                if (sessions.CallerOf(http) is { } caller)
                {
                    ConsoleSessions.SignIn(http, caller, sessions.KeyOf(http));
                }
                else if (!signInPage)
                {
                    if (path.StartsWithSegments("/console/journal/stream", StringComparison.Ordinal))
                    {
                        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return;
                    }

                    var back = HttpMethods.IsGet(http.Request.Method) ? (path + http.Request.QueryString).ToString() : "/console";
                    http.Response.Redirect("/console/sign-in?returnUrl=" + Uri.EscapeDataString(back));
                    return;
                }

                if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                {
                    await next(http);
                    return;
                }

                var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(http))
                {
                    http.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await JournalAsync(http, ConsoleSessions.Caller(http)?.Label ?? "-", clock.GetElapsedTime(started), "console-antiforgery", "the form's anti-forgery token is missing or belongs to another session");
                    await Message(http, "This form has expired", "The form did not carry a valid anti-forgery token for your session (it was opened before you signed in again, or it did not come from this console). Reload the page and try again.");
                    return;
                }

                var signedIn = ConsoleSessions.Caller(http);
                var signingOut = path.StartsWithSegments("/console/sign-out", StringComparison.Ordinal);
                if (signedIn is { MayChange: false } && !signingOut)
                {
                    http.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await JournalAsync(http, signedIn.Label, clock.GetElapsedTime(started), "admin-role", "a read-only admin token may read, not change");
                    await Message(http, "Read-only access", "You signed in with a read-only admin token: you can see everything, and change nothing. Sign in with a full admin token to make this change.");
                    return;
                }

                if (signedIn is not null)
                {
                    http.Response.OnStarting(() => JournalAsync(http, signedIn.Label, clock.GetElapsedTime(started), "", ""));
                }

                await next(http);
            }));

    /// <summary>
    /// Journals a console request as the admin API's are, its operation the method and path (the console's actions
    /// share one route, <c>/console/do/{name}</c>: the path says which admin action it was).
    /// </summary>
    internal static Task JournalAsync(HttpContext http, string caller, TimeSpan elapsed, string refusedBy, string diagnosis) =>
        AdminApi.JournalAsync(http, caller, elapsed, refusedBy, diagnosis, $"{http.Request.Method} {http.Request.Path}");

    private static Task Message(HttpContext http, string title, string text) =>
        new RazorComponentResult<ConsoleMessage>(new { Title = title, Text = text }) { StatusCode = http.Response.StatusCode }.ExecuteAsync(http);
}
