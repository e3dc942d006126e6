namespace PayHub.Sandbox;

/// <summary>Real time, and every clock the sandbox has.</summary>
public sealed record SandboxClocksView(DateTimeOffset RealNow, IReadOnlyList<ClockView> Clocks);
