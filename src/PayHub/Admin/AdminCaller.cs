namespace PayHub.Admin;

/// <summary>Who an admin token is: its label (the caller the journal names) and its role.</summary>
public sealed record AdminCaller(string Label, string Role)
{
    public const string Full = "full";
    public const string ReadOnly = "read-only";

    public bool MayChange => Role == Full;
}
