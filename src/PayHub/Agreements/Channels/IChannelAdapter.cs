using System.Text.Json;
using PayHub.Protocols.Agreements;

namespace PayHub.Agreements.Channels;

/// <summary>
/// An adapter kind: the code that talks to every channel of that kind. Adding a kind is one class
/// implementing this, registered in <see cref="ChannelServices"/>; adding a channel of an existing
/// kind is one admin call.
/// </summary>
public interface IChannelAdapter
{
    /// <summary>The kind's name, as channel rows give it (<c>simulated</c>, <c>http</c>).</summary>
    string Kind { get; }

    /// <summary>
    /// Sends the request (Contract, DeContract or QryContract) to the channel and returns its answer.
    /// The token is cancelled at the channel's timeout; throw <see cref="ChannelUnavailableException"/>
    /// when nothing reached the channel.
    /// </summary>
    Task<ChannelAnswer> SendAsync(Channel channel, AtsyhRequest request, CancellationToken cancellationToken);

    /// <summary>What is wrong with a channel's settings for this kind, or null when they are fine.</summary>
    string? CheckSettings(JsonElement settings, bool hasSecret);

    /// <summary>The code map a new channel of this kind starts with.</summary>
    IEnumerable<CodeMapEntry> DefaultCodeMap(JsonElement settings);
}
