using System.CommandLine;
using PayHub.Hosting;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Cli;

/// <summary>
/// The <c>payhub</c> command: <c>serve</c> (also what options alone, or nothing, mean, so that the test host
/// and <c>dotnet run</c> behave like <c>payhub serve</c>), <c>migrate</c>, <c>admin-token</c> and
/// <c>risk-book</c>, <c>call</c> (a client of any family's interface) and <c>conform</c> (the contract's cases against any implementation). Every failure a person can mend is one line on standard error that says what is wrong and
/// what to do, with an exit code that tells a usage error (64), a configuration error (78) and a crash (70)
/// apart; a stack trace only at Debug level (<see cref="CliFailures"/>).
/// </summary>
public static class PayHubCli
{
    private static readonly string[] Commands = ["serve", "migrate", "admin-token", "risk-book", "call", "conform"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && !args[0].StartsWith('-') && !Commands.Contains(args[0]))
        {
            Console.Error.WriteLine($"payhub: unknown command '{args[0]}'. Commands: {string.Join(", ", Commands)} (payhub --help describes each).");
            return ExitCodes.Usage;
        }

        var root = new RootCommand("PayHub: four payment-industry interfaces over one core and one database")
        {
            ServeCommand.Create(), StoreCommands.Migrate(), StoreCommands.AdminToken(), StoreCommands.RiskBook(), Calls.CallCommand.Create(), Conformance.ConformCommand.Create(),
        };
        var effectiveArgs = args.Length > 0 && (Commands.Contains(args[0]) || args[0] is "--help" or "-h" or "-?" or "--version") ? args : ["serve", .. args];
        var parsed = root.Parse(effectiveArgs);
        if (parsed.Errors.Count > 0)
        {
            Console.Error.WriteLine($"payhub: {string.Join("; ", parsed.Errors.Select(e => e.Message.TrimEnd('.')))} (payhub {parsed.CommandResult.Command.Name} --help).");
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (OwnsProcess)
        {
            return CliFailures.Report(e, args);
        }
    }

    /// <summary>
    /// True when payhub is the process's own program (<c>payhub</c>, <c>dotnet payhub.dll</c>, <c>dotnet run</c>); false
    /// when a host runs its entry point in-process (the test host): then a failure propagates to that host, which
    /// reports it, and the host's own start opens the storage.
    /// </summary>
    public static bool OwnsProcess { get; } = System.Reflection.Assembly.GetEntryAssembly() == typeof(PayHubCli).Assembly;

    /// <summary>The master key a store command works with: PAYHUB__MASTERKEY, or a problem saying to set it.</summary>
    public static MasterKey MasterKeyFromEnvironment(string purpose) =>
        Environment.GetEnvironmentVariable("PAYHUB__MASTERKEY") is { Length: > 0 } text
            ? StorageStartup.ReadMasterKey(text)
            : throw new StartupProblem($"set PAYHUB__MASTERKEY to {purpose} first.");
}
