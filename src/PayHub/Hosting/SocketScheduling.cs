using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;
using PayHub.Storage;

namespace PayHub.Hosting;

/// <summary>
/// Where request handling runs: on the socket thread that read the request (inline: two thread
/// hand-offs fewer per request), or on the thread pool (Kestrel's default). Inline needs handlers that
/// never block, so it is the default on SQLite (microsecond reads, group-committed writes) and not on
/// PostgreSQL (reads are network round trips); <see cref="PayHubOptions.InlineScheduling"/> forces
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
