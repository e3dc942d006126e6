using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using PayHub.Hosting;

namespace PayHub.Cli;

/// <summary>
/// Turns what ended a command into one line on standard error and an exit code: a <see cref="StartupProblem"/>
/// as it is said, a port already in use as such, anything else as an unexpected failure (70) whose stack
/// trace is printed only when the log level is Debug or Trace.
/// </summary>
public static class CliFailures
{
    public static int Report(Exception exception, string[] args)
    {
        var (line, code) = Describe(exception);
        Console.Error.WriteLine("payhub: " + line);
        if (code == ExitCodes.Failure && DebugLogging(args))
        {
            Console.Error.WriteLine(exception);
        }

        return code;
    }

    public static (string Line, int ExitCode) Describe(Exception exception)
    {
        foreach (var e in Chain(exception))
        {
            switch (e)
            {
                case StartupProblem problem:
                    return (problem.Message, problem.ExitCode);
                case Client.AnswerSignatureException signature:
                    return (signature.Message, ExitCodes.DataError);
                case Client.PayHubClientException answer:
                    return (answer.Message, ExitCodes.Unavailable);
                case HttpRequestException unreachable:
                    return ($"{unreachable.Message.TrimEnd('.')}: is the server running there? (--url chooses it).", ExitCodes.Unavailable);
                case IOException { InnerException: AddressInUseException } bind:
                    return ($"{bind.Message.TrimEnd('.')}: another server holds that port; choose another with --urls http://localhost:<port>, or stop the other one.", ExitCodes.Configuration);
                case SocketException { SocketErrorCode: SocketError.AddressNotAvailable or SocketError.AccessDenied } socket:
                    return ($"cannot listen there ({socket.Message}): choose an address of this machine and a port you may use with --urls.", ExitCodes.Configuration);
            }
        }

        return ($"unexpected failure: {exception.GetType().Name}: {exception.Message} (set Logging__LogLevel__Default=Debug to see where).", ExitCodes.Failure);
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }

    private static bool DebugLogging(string[] args)
    {
        var level = Environment.GetEnvironmentVariable("Logging__LogLevel__Default") ?? "";
        return level is "Debug" or "Trace" || args.Any(a => a.Contains("Logging:LogLevel:Default=Debug", StringComparison.Ordinal) || a.Contains("Logging:LogLevel:Default=Trace", StringComparison.Ordinal));
    }
}
