namespace PayHub.Audit;

/// <summary>One journal entry as the admin API shows it: already masked when it was written.</summary>
public sealed record JournalEntryView
{
    public long Id { get; init; }

    public string At { get; init; } = "";

    public string Family { get; init; } = "";

    public string Operation { get; init; } = "";

    public string Caller { get; init; } = "";

    public string SequenceNo { get; init; } = "";

    /// <summary>The family's code (RespCode, UnifiedCode, resultCode, return_code; the status for admin requests).</summary>
    public string Code { get; init; } = "";

    public long Status { get; init; }

    public long LatencyMs { get; init; }

    public string RequestId { get; init; } = "";

    public string Node { get; init; } = "";

    /// <summary>Which check refused the request; empty when none did.</summary>
    public string RefusedBy { get; init; } = "";

    public string Diagnosis { get; init; } = "";

    /// <summary>The request as PayHub understood it (decrypted, decoded), masked; empty where the journal keeps no bodies.</summary>
    public string Request { get; init; } = "";

    /// <summary>The answer before encryption and signing, masked; empty where the journal keeps no bodies.</summary>
    public string Response { get; init; } = "";

    /// <summary>The request's headers, credentials as <c>***</c>.</summary>
    public string Headers { get; init; } = "";

    /// <summary>The request's bytes as received, base64, credential values as <c>***</c>; empty unless the journal keeps them.</summary>
    public string RawRequest { get; init; } = "";

    /// <summary>The answer's bytes as sent (after encryption and signing), base64, credential values as <c>***</c>; empty unless the journal keeps raw bytes.</summary>
    public string RawResponse { get; init; } = "";
}
