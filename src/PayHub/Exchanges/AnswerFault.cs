namespace PayHub.Exchanges;

/// <summary>What a hook may do to an answer before it goes out (the sandbox's faults): nothing, or one of these.</summary>
public enum AnswerFault
{
    None,

    /// <summary>The family's system-error answer instead (the effect, if any, was made).</summary>
    SystemError,

    /// <summary>No answer: the connection is closed (the effect, if any, was made).</summary>
    Drop,

    /// <summary>The first half of the answer, then the connection is closed.</summary>
    Truncate,

    /// <summary>The answer with a signature that does not verify (families that sign their answers).</summary>
    BadSignature,
}
