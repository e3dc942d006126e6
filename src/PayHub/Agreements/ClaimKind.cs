namespace PayHub.Agreements;

/// <summary>What the register says of a ReqSeqID when a request arrives.</summary>
public enum ClaimKind
{
    /// <summary>New: this request answers it, and was registered as being answered.</summary>
    Owned,

    /// <summary>Registered with other content: EC905.</summary>
    Reused,

    /// <summary>Answered before: the kept answer.</summary>
    Kept,

    /// <summary>Its channel outcome is unknown and not settled yet: EC902 again.</summary>
    Unknown,

    /// <summary>Another request with the same content is being answered right now.</summary>
    InProgress,
}
