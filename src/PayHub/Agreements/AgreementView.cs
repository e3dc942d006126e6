using PayHub.Agreements.Channels;

namespace PayHub.Agreements;

public sealed record AgreementView(
    long Id,
    string BankCode,
    string PayAct,
    string RecAct,
    string PolicyNo,
    string? AuthCode,
    string State,
    string? OpenStep,
    int CodeAttempts,
    string? UnknownStep,
    string PayName,
    string RecName,
    string CellPhone,
    string DeadLine,
    string SingleLimit,
    IReadOnlyList<AgreementEventView> History);
