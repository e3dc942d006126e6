namespace PayHub.Sandbox;

/// <summary>How an inbox answers: <c>failStatus</c> (an HTTP status from 400 to 599; null acknowledges) after <c>delayMs</c> (0 to 30000).</summary>
public sealed record InboxSetting(int? FailStatus, int? DelayMs);
