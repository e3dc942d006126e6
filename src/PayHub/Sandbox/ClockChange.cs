namespace PayHub.Sandbox;

/// <summary>A clock to set: <c>offsetMs</c> from real time (±10 years), or <c>frozenAt</c>, an instant business time stands still at.</summary>
public sealed record ClockChange(long? OffsetMs, DateTimeOffset? FrozenAt);
