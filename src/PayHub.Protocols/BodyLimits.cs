namespace PayHub.Protocols;

/// <summary>Limits every family applies to a request body before it reads it (SPEC.md "Common").</summary>
public static class BodyLimits
{
    /// <summary>The deepest nesting of elements (XML) or objects and arrays (JSON) a body may have.</summary>
    public const int MaxNesting = 32;

    /// <summary>The largest body accepted: 64 KiB.</summary>
    public const int MaxBodyBytes = 64 * 1024;
}
