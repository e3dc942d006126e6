namespace PayHub.Agreements;

/// <summary>
/// A withholding agreement between a payer account and a receiving account on one channel, as the
/// gateway records it: its state, the step 01 awaiting its code (and how many wrong codes it got),
/// and, while a channel's answer is missing, which step is unknown and when to ask the channel again.
/// </summary>
public sealed record Agreement(
    long Id,
    string BankCode,
    string PayAct,
    string RecAct,
    string PolicyNo,
    string? AuthCode,
    string State,
    string PriorState,
    string? OpenStep,
    long? OpenStepAtMs,
    int CodeAttempts,
    string? UnknownTransType,
    string? UnknownStep,
    long? UnknownSinceMs,
    int UnknownChecks,
    long? NextCheckMs,
    string PayName,
    string RecName,
    string CellPhone,
    string DeadLine,
    string SingleLimit)
{
    /// <summary>True when the gateway has no agreement to speak of (never recorded, or a sign apply voided).</summary>
    public static bool IsAbsent(Agreement? agreement) => agreement is null || agreement.State == AgreementState.None;
}
