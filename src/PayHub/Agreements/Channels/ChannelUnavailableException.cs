namespace PayHub.Agreements.Channels;

/// <summary>Thrown by an adapter when the channel cannot be reached and nothing was sent: safe to retry.</summary>
public sealed class ChannelUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
