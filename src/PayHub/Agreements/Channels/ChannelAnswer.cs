namespace PayHub.Agreements.Channels;

/// <summary>
/// What a channel said: its own code (<see cref="OriginalCode"/>), and where it has them the
/// agreement number it issued and the agreement's state in its books (for a query).
/// </summary>
public sealed record ChannelAnswer(ChannelOutcome Outcome, string OriginalCode, string? AuthCode = null, string? ContractState = null)
{
    public static ChannelAnswer TimedOut { get; } = new(ChannelOutcome.TimedOut, "");

    public static ChannelAnswer Unavailable { get; } = new(ChannelOutcome.Unavailable, "");
}
