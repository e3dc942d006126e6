using System.Diagnostics;

namespace PayHub.Tests.Cli;

/// <summary>What one run of the real <c>payhub</c> command printed, and how it ended.</summary>
public sealed record CommandRun(int ExitCode, string Output, string Error)
{
    /// <summary>The standard error's lines (empty ones left out).</summary>
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs the built <c>payhub.dll</c> as an operator would, with its own environment, and waits for it to end (at most 60 s).</summary>
public static class PayhubCommand
{
    public static async Task<CommandRun> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "payhub.dll"));
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("PAYHUB__MASTERKEY");
        start.Environment.Remove(PayHub.Hosting.SocketScheduling.RuntimeSwitch);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"payhub {string.Join(' ', args)} did not end in 60 s: {await output} {await error}");
        }

        return new CommandRun(process.ExitCode, await output, await error);
    }
}
