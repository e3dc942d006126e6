namespace PayHub.Agreements.Channels;

/// <summary>How a channel call ended: an answer with the channel's own code, no answer in time, or no connection at all.</summary>
public enum ChannelOutcome
{
    Answered,
    TimedOut,
    Unavailable,
}

/// <summary>
/// What a channel said: its own code (<see cref="OriginalCode"/>), and where it has them the
/// agreement number it issued and the agreement's state in its books (for a query).
/// </summary>
public sealed record ChannelAnswer(ChannelOutcome Outcome, string OriginalCode, string? AuthCode = null, string? ContractState = null)
{
    public static ChannelAnswer TimedOut { get; } = new(ChannelOutcome.TimedOut, "");

    public static ChannelAnswer Unavailable { get; } = new(ChannelOutcome.Unavailable, "");
}

/// <summary>Thrown by an adapter when the channel cannot be reached and nothing was sent: safe to retry.</summary>
public sealed class ChannelUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
