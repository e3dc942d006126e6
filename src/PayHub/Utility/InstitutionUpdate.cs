namespace PayHub.Utility;

/// <summary>Changes an institution: name and rate limit as given (null: no limit); a key given replaces the stored one, a key left out stays.</summary>
public sealed record InstitutionUpdate(string? Name, string? BlockKeyHex, string? TripleDesKeyHex, int? RateLimitPerSecond);
