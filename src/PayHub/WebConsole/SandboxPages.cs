using PayHub.WebConsole.Pages;

namespace PayHub.WebConsole;

/// <summary>The sandbox's controls (sandbox mode only; in production the page says there is no sandbox).</summary>
public static class SandboxPages
{
    public static RouteGroupBuilder MapSandboxPages(this RouteGroupBuilder console)
    {
        console.MapGet("/sandbox", async (HttpContext http, string? inbox) =>
        {
            var clocks = await AdminCalls.ReadAsync(http, "GetSandboxClocks");
            var faults = await AdminCalls.ReadAsync(http, "ListSandboxFaults");
            var triggers = await AdminCalls.ReadAsync(http, "ListSandboxTriggers");
            var messages = inbox is { Length: > 0 } ? await AdminCalls.ReadAsync(http, "ListSandboxInbox", new() { ["name"] = inbox }) : null;
            return ConsoleEndpoints.Page<SandboxState>(http, new()
            {
                ["Clocks"] = clocks, ["Faults"] = faults, ["Triggers"] = triggers, ["Inbox"] = inbox, ["Messages"] = messages,
            });
        });
        return console;
    }
}
