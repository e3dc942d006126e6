namespace PayHub.Audit;

/// <summary>
/// One request and its answer as the journal (the audit trail) keeps it. <see cref="Request"/> and
/// <see cref="Response"/> are already masked (see <see cref="AuditRecorder"/>); what the front door adds for every
/// family (<see cref="Journal.Complete"/>) is in the init-only properties.
/// </summary>
public sealed record AuditEntry(
    string Family,
    string Operation,
    string Caller,
    string SequenceNo,
    string Outcome,
    long LatencyMs,
    string RequestId,
    string Request,
    string Response)
{
    /// <summary>The HTTP status the answer goes with (0 when the row is not an exchange's, as a sandbox note).</summary>
    public int Status { get; init; }

    /// <summary>Whether the answer is a refusal (anything but the family's success), whose bodies the journal keeps in production too.</summary>
    public bool Refused { get; init; }

    /// <summary>The node that answered.</summary>
    public string Node { get; init; } = "";

    /// <summary>Which check of the family's order refused the request (<c>signature</c>, <c>decryption</c>, …); empty when none did.</summary>
    public string RefusedBy { get; init; } = "";

    /// <summary>Why, in words a client developer can act on; for the operator's eyes only.</summary>
    public string Diagnosis { get; init; } = "";

    /// <summary>The request's headers as a JSON object, credentials as <c>***</c>.</summary>
    public string Headers { get; init; } = "";

    /// <summary>The request's bytes as received (base64), credential values as <c>***</c>; empty unless the journal keeps them.</summary>
    public string RawRequest { get; init; } = "";
}
