using PayHub.Protocols.Agreements;
using PayHub.Storage;

namespace PayHub.Agreements;

/// <summary>One line of an agreement's history: who asked for which step, what the channel said, and what it did to the state.</summary>
public sealed record AgreementEvent(
    string Actor,
    string TransType,
    string Step,
    string ReqSeqId,
    string OriginalCode,
    string UnifiedCode,
    string FromState,
    string ToState,
    string Note);
