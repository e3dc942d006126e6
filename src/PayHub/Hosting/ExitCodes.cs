namespace PayHub.Hosting;

/// <summary>The exit codes of <c>payhub</c>, BSD sysexits values so scripts can tell them apart.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary><c>payhub call</c>: the answer came, and it is a refusal (any code but the family's success); <c>payhub conform</c>: a case failed.</summary>
    public const int Refused = 1;

    /// <summary>EX_DATAERR: an answer whose signature does not verify (it cannot be trusted).</summary>
    public const int DataError = 65;

    /// <summary>EX_UNAVAILABLE: the server could not be reached, or what answered is not the interface.</summary>
    public const int Unavailable = 69;

    /// <summary>EX_USAGE: the command line is wrong (an unknown command, a missing or misspelt argument).</summary>
    public const int Usage = 64;

    /// <summary>EX_SOFTWARE: PayHub failed in a way no setting explains (the details are at Debug level).</summary>
    public const int Failure = 70;

    /// <summary>EX_CONFIG: a setting or the environment is wrong (no or another master key, a database path, a port in use).</summary>
    public const int Configuration = 78;
}
