using Microsoft.AspNetCore.Antiforgery;
using PayHub.Admin;

namespace PayHub.WebConsole;

/// <summary>What every console page knows about the request: who is signed in, what they may do, the form token.</summary>
public sealed record ConsoleContext(string Label, bool MayChange, bool Sandbox, string FormToken, string Path, string? Done)
{
    /// <summary>The anti-forgery field every form carries.</summary>
    public const string FormField = "__af";

    public static ConsoleContext Of(HttpContext http)
    {
        var caller = ConsoleSessions.Caller(http);
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var sandbox = http.RequestServices.GetRequiredService<Storage.Database>().Sandbox;
        return new ConsoleContext(
            caller?.Label ?? "",
            caller?.MayChange ?? false,
            sandbox,
            tokens.RequestToken ?? "",
            PathAndQuery(http),
            http.Request.Query["done"].FirstOrDefault());
    }

    /// <summary>The page's path and query (without the note of a change just made): where a form on it returns to.</summary>
    private static string PathAndQuery(HttpContext http)
    {
        var query = http.Request.Query.Where(p => p.Key != "done").Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value.ToString()));
        var text = string.Join('&', query);
        return (http.Request.Path.Value ?? "/console") + (text.Length > 0 ? "?" + text : "");
    }

    public string Role => MayChange ? AdminCaller.Full : AdminCaller.ReadOnly;
}
