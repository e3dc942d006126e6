using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PayHub.Admin;
using PayHub.WebConsole.Pages;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.WebConsole;

/// <summary>
/// The console at <c>/console</c> (and <c>/</c> redirects there): server-rendered Razor components, a stylesheet and a
/// little script served from the assembly (nothing from a CDN), over the same stores the admin API uses.
/// </summary>
public static class ConsoleEndpoints
{
    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // Pages carry Chinese names as characters, not as &#x…; references.
        services.AddWebEncoders(encoders => encoders.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddSingleton<ConsoleSessionStore>();
        services.AddSingleton<ConsoleSessions>();
        services.AddDataProtection().SetApplicationName("PayHub");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(keys =>
        {
            keys.XmlRepository = new DataProtectionKeyStore(sp.GetRequiredService<Database>(), sp.GetRequiredService<TimeProvider>());
            keys.XmlEncryptor = new MasterKeyXmlEncryptor(sp.GetRequiredService<SecretBox>());
        }));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.FormFieldName = ConsoleContext.FormField;
            antiforgery.HeaderName = null;
            antiforgery.Cookie.Name = "payhub_console_af";
            antiforgery.Cookie.Path = "/console";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.SuppressXFrameOptionsHeader = true; // the console sets its own headers
        });
        return services;
    }

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect("/console")).ExcludeFromDescription();
        var console = app.MapGroup("/console").ExcludeFromDescription();
        console.MapGet("", () => Results.Redirect("/console/journal"));
        console.MapGet("/assets/{name}", (string name) => ConsoleAssets.Serve(name));

        console.MapGet("/sign-in", (HttpContext http, string? returnUrl) => SignInPage(http, returnUrl, null));
        console.MapPost("/sign-in", async (HttpContext http, AdminTokens tokens, ConsoleSessions sessions) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var returnUrl = form["returnUrl"].ToString();
            var token = form["token"].ToString().Trim();
            var caller = token.Length is > 0 and < 200 ? await tokens.CallerOfAsync(token) : null;
            if (caller is null)
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await ConsoleAccess.JournalAsync(http, "-", TimeSpan.Zero, "admin-token", "the console's sign-in was given a token that is not an admin token of this database");
                return SignInPage(http, returnUrl, "That is not an admin token of this PayHub.");
            }

            ConsoleSessions.WriteCookie(http, sessions.Start(caller));
            http.Response.StatusCode = StatusCodes.Status302Found;
            await ConsoleAccess.JournalAsync(http, caller.Label, TimeSpan.Zero, "", "");
            return Results.Redirect(LocalConsolePath(returnUrl));
        });
        console.MapPost("/sign-out", (HttpContext http, ConsoleSessions sessions) =>
        {
            sessions.End(http);
            return Results.Redirect("/console/sign-in");
        });

        console.MapJournalPages();
        console.MapConsoleActions();
        console.MapCallerPages();
        console.MapFamilyPages();
        console.MapSandboxPages();
        return app;
    }

    /// <summary>Renders a page with its context and parameters.</summary>
    public static RazorComponentResult<TPage> Page<TPage>(HttpContext http, Dictionary<string, object?>? parameters = null)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        var all = parameters ?? [];
        all["Context"] = ConsoleContext.Of(http);
        return new RazorComponentResult<TPage>(all!) { StatusCode = http.Response.StatusCode == 0 ? 200 : http.Response.StatusCode };
    }

    /// <summary>After a change: back to a page, with a short note of what was done (never a secret).</summary>
    public static IResult Done(string path, string note) =>
        Results.Redirect(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "done=" + Uri.EscapeDataString(note));

    private static RazorComponentResult<SignIn> SignInPage(HttpContext http, string? returnUrl, string? error)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return new RazorComponentResult<SignIn>(new { FormToken = tokens.RequestToken ?? "", ReturnUrl = LocalConsolePath(returnUrl), Error = error })
        {
            StatusCode = http.Response.StatusCode,
        };
    }

    /// <summary>Only a console path of this server is a place to return to (never another site).</summary>
    public static string LocalConsolePath(string? returnUrl) =>
        returnUrl is { Length: > 8 } && returnUrl.StartsWith("/console/", StringComparison.Ordinal) && !returnUrl.Contains("//", StringComparison.Ordinal) && !returnUrl.Contains('\\', StringComparison.Ordinal)
            ? returnUrl
            : "/console/journal";
}
