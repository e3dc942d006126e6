using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;
using PayHub.Storage;

namespace PayHub.Hosting;

/// <summary>
/// Where request handling runs: on the socket thread that read the request (inline: two thread
/// hand-offs fewer per request), or on the thread pool (Kestrel's default). Inline needs handlers that
/// never block, so it is the default on SQLite (microsecond reads, group-committed writes) and not on
/// PostgreSQL (reads are network round trips, and inline is refused there: <see cref="Check"/>); <see cref="PayHubOptions.InlineScheduling"/> forces
/// either. Handlers that take long by nature start on the pool (<see cref="SocketThreads.RunsOnThreadPool{TBuilder}"/>).
/// What each choice measured: docs/benchmarks.md.
/// </summary>
internal sealed class SocketScheduling(IOptions<PayHubOptions> options) : IConfigureOptions<SocketTransportOptions>
{
    /// <summary>The runtime's switch for running socket completions on the event threads (read once, when the first socket opens).</summary>
    public const string RuntimeSwitch = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Whether handling runs inline: the setting, else on for SQLite and off for PostgreSQL.</summary>
    public static bool IsInline(PayHubOptions options) =>
        options.InlineScheduling ?? !PostgresLocation.IsPostgres(options.Database);

    /// <summary>
    /// Refuses handling requests on the socket threads on PostgreSQL (<see cref="PayHubOptions.InlineScheduling"/>, or the
    /// runtime's inline socket completions, <see cref="RuntimeSwitch"/>): some of a request's reads (a
    /// directory's look-up, the sandbox's clock) wait for PostgreSQL synchronously, and a socket thread that waits for a
    /// socket it serves itself never wakes, so the node stops answering under load.
    /// </summary>
    public static void Check(PayHubOptions options, string location)
    {
        if (!PostgresLocation.IsPostgres(location))
        {
            return;
        }

        if (options.InlineScheduling == true)
        {
            throw new StartupProblem("PayHub:InlineScheduling=true is for SQLite only: on PostgreSQL a request that waits for the database on a socket thread can stop that thread for good. Leave it unset (PostgreSQL hands requests to the thread pool).");
        }

        if (Environment.GetEnvironmentVariable(RuntimeSwitch) == "1")
        {
            throw new StartupProblem($"{RuntimeSwitch}=1 is for SQLite only: on PostgreSQL a request that waits for the database on a socket thread can stop that thread for good. Unset it.");
        }
    }

    /// <summary>
    /// Called before Kestrel opens its first socket: Kestrel's option inlines the request pipeline, the
    /// runtime's switch (set here for this process unless the environment set it) the socket reads and
    /// writes under it; one without the other gains little. The in-process test host never calls this.
    /// </summary>
    public void Configure(SocketTransportOptions transport)
    {
        if (!IsInline(options.Value))
        {
            return;
        }

        var runtime = Environment.GetEnvironmentVariable(RuntimeSwitch);
        if (runtime is null)
        {
            Environment.SetEnvironmentVariable(RuntimeSwitch, "1");
        }

        transport.UnsafePreferInlineScheduling = runtime is null or "1";
    }
}
