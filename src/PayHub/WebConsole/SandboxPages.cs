namespace PayHub.WebConsole;

/// <summary>The sandbox's controls.</summary>
public static class SandboxPages
{
    public static RouteGroupBuilder MapSandboxPages(this RouteGroupBuilder console) => console;
}
