namespace PayHub.Sandbox;

/// <summary>How many messages an emptied inbox held.</summary>
public sealed record InboxCleared(int Cleared);
