namespace PayHub.Agreements;

/// <summary>The states of an agreement as the gateway records it (SPEC.md B), plus <c>none</c> for a sign apply that was voided.</summary>
public static class AgreementState
{
    public const string None = "none";
    public const string Pending = "pending";
    public const string Signed = "signed";
    public const string UnsignPending = "unsign_pending";
    public const string Unsigned = "unsigned";
    public const string Unknown = "unknown";
}

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
