namespace PayHub.WebConsole;

/// <summary>The callers of each family: list, create, disable, rotate a key.</summary>
public static class CallerPages
{
    public static RouteGroupBuilder MapCallerPages(this RouteGroupBuilder console) => console;
}
