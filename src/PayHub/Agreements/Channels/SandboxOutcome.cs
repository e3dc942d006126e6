using PayHub.Protocols.Agreements;

namespace PayHub.Agreements.Channels;

/// <summary>What the sandbox bank can answer, before it is put in a vocabulary's own words.</summary>
public enum SandboxOutcome
{
    Success,
    CodeSent,
    AlreadyInState,
    NotFound,
    WrongCode,
    CodeExpired,
    AccountRefused,
    IdentityMismatch,
}
