namespace PayHub.Hosting;

/// <summary>The <c>PayHub</c> configuration section (appsettings.json, PAYHUB__* environment variables, command line).</summary>
public sealed class PayHubOptions
{
    public const string Section = "PayHub";

    /// <summary>The database: a SQLite file path, or a PostgreSQL connection string or <c>postgresql://</c> URL. Empty with <see cref="Demo"/>: a fresh temporary SQLite file.</summary>
    public string Database { get; set; } = "";

    /// <summary>
    /// On PostgreSQL, how many writers a node runs, each a group-commit lane with its own connection, their transactions at
    /// the same time (<see cref="Storage.Database.Writers"/>). Unset: one for every 25 connections of the pool (4 with the
    /// default pool), at most 8. SQLite has one writer.
    /// </summary>
    public int? DatabaseWriters { get; set; }

    /// <summary>Load the demo data of SPEC.md into the database on start (once). Asks for sandbox mode.</summary>
    public bool Demo { get; set; }

    /// <summary>
    /// Asks for sandbox mode without the demo data: granted on a database created for it (or new), refused at
    /// start on a production database. A sandbox database stays one whatever this says.
    /// </summary>
    public bool Sandbox { get; set; }

    /// <summary>Base64 of 32 bytes; required unless <see cref="Demo"/>, which falls back to the documented demo key.</summary>
    public string MasterKey { get; set; } = "";

    /// <summary>
    /// Whether requests are handled on the socket threads that read them instead of being handed to
    /// the thread pool (<see cref="SocketScheduling"/>). Unset: yes on SQLite, no on PostgreSQL; true is refused at start
    /// on PostgreSQL (<see cref="SocketScheduling.Check"/>).
    /// </summary>
    public bool? InlineScheduling { get; set; }

    /// <summary>Largest request body a family reads; larger ones get the family's format error.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How often the agreement gateway's resolver looks for unknown channel outcomes that are due to be asked about again.</summary>
    public int DspResolverIntervalMs { get; set; } = 1000;

    /// <summary>How often the risk-case push sender looks for deliveries that are due.</summary>
    public int RiskPushIntervalMs { get; set; } = 1000;

    /// <summary>How long the push sender waits for an agent's answer before counting the attempt failed.</summary>
    public int RiskPushTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// How long a node holds a background item it took (an unknown agreement to ask about, a push to
    /// send) before another node may take it over: the time a node that died mid-item delays it. A
    /// push's lease is at least its timeout plus a second; any lease is at least a second.
    /// </summary>
    public int LeaseMs { get; set; } = 30_000;

    /// <summary>The lease as used: at least one second, whatever is configured.</summary>
    public long EffectiveLeaseMs => Math.Max(1000, LeaseMs);

    /// <summary>This node's name in the journal; unset: the machine's name and the process id.</summary>
    public string? NodeName { get; set; }

    /// <summary>What the request journal keeps, and for how long (<c>PayHub:Journal</c>).</summary>
    public JournalOptions Journal { get; set; } = new();
}
