using PayHub.Agreements.Channels;

namespace PayHub.Agreements;

public sealed record AgreementEventView
{
    public string At { get; init; } = "";

    public string Actor { get; init; } = "";

    public string TransType { get; init; } = "";

    public string Step { get; init; } = "";

    public string ReqSeqId { get; init; } = "";

    public string OriginalCode { get; init; } = "";

    public string UnifiedCode { get; init; } = "";

    public string FromState { get; init; } = "";

    public string ToState { get; init; } = "";

    public string Note { get; init; } = "";
}
