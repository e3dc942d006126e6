using PayHub.WebConsole.Pages;

namespace PayHub.WebConsole;

/// <summary>The sandbox's controls (sandbox mode only; in production the page says there is no sandbox).</summary>
public static class SandboxPages
{
    public static RouteGroupBuilder MapSandboxPages(this RouteGroupBuilder console)
    {
        console.MapGet("/sandbox", async (HttpContext http, string? inbox) =>
        {
            var clocks = await FamilyPages.ReadAsync(http, "GetSandboxClocks");
            var faults = await FamilyPages.ReadAsync(http, "ListSandboxFaults");
            var triggers = await FamilyPages.ReadAsync(http, "ListSandboxTriggers");
            var messages = inbox is { Length: > 0 } ? await FamilyPages.ReadAsync(http, "ListSandboxInbox", new() { ["name"] = inbox }) : null;
            return ConsoleEndpoints.Page<SandboxState>(http, new()
            {
                ["Clocks"] = clocks, ["Faults"] = faults, ["Triggers"] = triggers, ["Inbox"] = inbox, ["Messages"] = messages,
            });
        });
        return console;
    }
}
