using PayHub.Agreements.Channels;

namespace PayHub.Agreements;

public sealed record SmsView
{
    public long MessageId { get; init; }

    public string BankCode { get; init; } = "";

    public string CellPhone { get; init; } = "";

    public string Code { get; init; } = "";

    public string Text { get; init; } = "";

    public string SentAt { get; init; } = "";
}
