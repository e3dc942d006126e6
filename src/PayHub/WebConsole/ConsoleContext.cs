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
            http.Request.Path.Value ?? "/console",
            http.Request.Query["done"].FirstOrDefault());
    }

    public string Role => MayChange ? AdminCaller.Full : AdminCaller.ReadOnly;
}
