namespace PayHub.Sandbox;

/// <summary>One stored message of an inbox, as kept (init properties: mapped by name, whatever integer width the engine returns).</summary>
public sealed record InboxMessageRow
{
    public long MessageId { get; init; }

    public string ReceivedAt { get; init; } = "";

    public string Headers { get; init; } = "{}";

    public string Body { get; init; } = "";

    public long SignValid { get; init; }

    public long Answered { get; init; }
}
