namespace PayHub.Sandbox;

/// <summary>The answer to a reset: the database's new reset generation, and whether the demo was loaded again.</summary>
public sealed record ResetDone(long Generation, bool Demo);
