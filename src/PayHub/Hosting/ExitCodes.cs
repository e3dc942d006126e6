namespace PayHub.Hosting;

/// <summary>The exit codes of <c>payhub</c>, BSD sysexits values so scripts can tell them apart.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>EX_USAGE: the command line is wrong (an unknown command, a missing or misspelt argument).</summary>
    public const int Usage = 64;

    /// <summary>EX_SOFTWARE: PayHub failed in a way no setting explains (the details are at Debug level).</summary>
    public const int Failure = 70;

    /// <summary>EX_CONFIG: a setting or the environment is wrong (no or another master key, a database path, a port in use).</summary>
    public const int Configuration = 78;
}
