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
