namespace PayHub.Sandbox;

/// <summary>A business clock: real time plus <see cref="OffsetMs"/>, or standing still at <see cref="FrozenAt"/> when set.</summary>
public sealed record ClockSetting(long OffsetMs, DateTimeOffset? FrozenAt)
{
    public DateTimeOffset Now(DateTimeOffset realNow) => FrozenAt ?? realNow.AddMilliseconds(OffsetMs);
}
