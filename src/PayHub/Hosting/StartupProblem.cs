namespace PayHub.Hosting;

/// <summary>
/// A failure a person can mend, said in one line: what is wrong and what to do, naming the path, the
/// setting or the argument. The <c>payhub</c> command prints it and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class StartupProblem(string message, int exitCode = ExitCodes.Configuration, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
