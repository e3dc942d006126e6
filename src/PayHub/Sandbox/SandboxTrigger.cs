namespace PayHub.Sandbox;

/// <summary>What a sandbox trigger asks for: an answer code, or something done to the answer.</summary>
public enum TriggerKind
{
    /// <summary>The operation answers with <see cref="SandboxTrigger.Code"/>, as a real answer (kept, audited, signed).</summary>
    Answer,

    /// <summary>The request is handled as usual and answered <see cref="SandboxTrigger.Seconds"/> later.</summary>
    Delay,

    /// <summary>Nothing is done and the connection is closed without an answer.</summary>
    Drop,

    /// <summary>The operation makes its effect as usual, then the connection is closed without an answer.</summary>
    EffectThenDrop,
}

/// <summary>A trigger found in a request on a sandbox: the value as sent, what it asks for, and for which code or delay.</summary>
public sealed record SandboxTrigger(string Value, TriggerKind Kind, string? Code = null, int Seconds = 0);
