namespace PayHub.WebConsole;

/// <summary>Each family's state.</summary>
public static class FamilyPages
{
    public static RouteGroupBuilder MapFamilyPages(this RouteGroupBuilder console) => console;
}
