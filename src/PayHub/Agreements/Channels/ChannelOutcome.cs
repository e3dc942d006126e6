namespace PayHub.Agreements.Channels;

/// <summary>How a channel call ended: an answer with the channel's own code, no answer in time, or no connection at all.</summary>
public enum ChannelOutcome
{
    Answered,
    TimedOut,
    Unavailable,
}
