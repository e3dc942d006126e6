namespace PayHub.Sandbox;

/// <summary>
/// A fault for one caller: <c>kind</c> (<c>latency</c> with <c>delayMs</c>, <c>drop</c>, <c>system-error</c>,
/// <c>truncate</c>) on its next <c>count</c> requests, or on a <c>fraction</c> of them chosen from <c>seed</c>.
/// </summary>
public sealed record FaultChange(string? Kind, int? DelayMs, int? Count, double? Fraction, int? Seed);
