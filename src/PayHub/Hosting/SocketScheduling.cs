using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;
using PayHub.Storage;

namespace PayHub.Hosting;

/// <summary>
/// Where request handling runs: on the socket event threads that read the request (inline), or
/// handed from them to the thread pool (Kestrel's default). Inline saves two thread hand-offs per
/// request, which on SQLite is about a sixth more CustomerCheck throughput (docs/benchmarks.md).
/// It needs every handler to keep off blocking waits, since a socket thread serves many
/// connections: true of SQLite, whose reads take microseconds and whose writes are awaited in
/// group commit, but not of PostgreSQL, whose reads are network round trips. So the default
/// (<see cref="PayHubOptions.InlineScheduling"/> unset) is inline on SQLite and the pool on
/// PostgreSQL; the setting forces either. Inline has a cost for handlers that take long by nature
/// (an RSA signature, a query over the risk-case book): a connection's next request is then read
/// and handled on whichever thread finished the previous one, often the group commit's, which
/// answers its batch's callers one after another. Those handlers are handed to the thread pool
/// first (<see cref="SocketThreads.RunsOnThreadPool{TBuilder}"/>); they still lose 5% (account
/// inquiry) to 10% (risk-case query) of their throughput to inline scheduling, against its +19%
/// for CustomerCheck (docs/benchmarks.md).
/// </summary>
internal sealed class SocketScheduling(IOptions<PayHubOptions> options) : IConfigureOptions<SocketTransportOptions>
{
    /// <summary>The runtime's switch for running socket completions on the event threads (read once, when the first socket opens).</summary>
    public const string RuntimeSwitch = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Whether handling runs inline: the setting, else on for SQLite and off for PostgreSQL.</summary>
    public static bool IsInline(PayHubOptions options) =>
        options.InlineScheduling ?? !PostgresLocation.IsPostgres(options.Database);

    /// <summary>
    /// Called when Kestrel's socket transport is made, before it opens its first socket. Kestrel's
    /// own option inlines the request pipeline; the runtime's switch, set here for this process
    /// unless the environment set it already, inlines the socket reads and writes under it. Kestrel's
    /// option without the runtime's switch gains nothing; the switch alone, about a third of the two
    /// together. When the environment turned the switch off, Kestrel's option stays off too. The
    /// in-process test host has no sockets and never calls this.
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
