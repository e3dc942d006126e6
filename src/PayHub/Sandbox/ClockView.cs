namespace PayHub.Sandbox;

/// <summary>One clock of the sandbox: its scope (<c>*</c>, or <c>family:caller</c>), its setting and the business time it reads now.</summary>
public sealed record ClockView(string Scope, long OffsetMs, DateTimeOffset? FrozenAt, DateTimeOffset Now);
