using Microsoft.Extensions.Options;
using PayHub.Hosting;
using PayHub.Secrets;

namespace PayHub.Storage;

/// <summary>
/// Opens the configured database on start: creates or migrates the schema, checks that the
/// master key is the one the database was sealed with, and loads the demo data once when asked.
/// </summary>
public static partial class StorageStartup
{
    private const string MasterKeyCheck = "master_key_check";
    private const string DemoLoaded = "demo_loaded";
    private const string Mode = "mode";

    /// <summary>The mode of a database created for sandbox mode: its sandbox controls are on.</summary>
    public const string Sandbox = "sandbox";

    /// <summary>The mode of every other database: no sandbox control exists on it.</summary>
    public const string Production = "production";

    /// <summary>The database location: the configured path, or with --demo and none configured a fresh temporary file.</summary>
    public static string ResolveLocation(PayHubOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Database))
        {
            CheckLocation(options.Database);
            return options.Database;
        }

        if (!options.Demo)
        {
            throw new StartupProblem("no database configured: pass --db <file> (PayHub:Database), or --demo for a temporary demo database.", ExitCodes.Usage);
        }

        var folder = Path.Combine(Path.GetTempPath(), "payhub-demo-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "payhub.db");
    }

    /// <summary>The configured number of writer connections (null: the default), or a problem saying what it must be.</summary>
    public static int? ResolveWriters(PayHubOptions options) =>
        options.DatabaseWriters is not { } writers || writers is >= 1 and <= Database.MaxWriters
            ? options.DatabaseWriters
            : throw new StartupProblem($"PayHub:DatabaseWriters is {writers}: it must be between 1 and {Database.MaxWriters} (unset: one for every 25 connections of the pool, at most 8).");

    public static MasterKey ResolveMasterKey(PayHubOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.MasterKey))
        {
            return ReadMasterKey(options.MasterKey);
        }

        return options.Demo
            ? new MasterKey(MasterKey.Demo)
            : throw new StartupProblem("no master key configured: set PAYHUB__MASTERKEY (PayHub:MasterKey) to base64 of 32 random bytes, e.g. $(head -c 32 /dev/urandom | base64), and keep it; or try `payhub serve --demo`.");
    }

    /// <summary>The master key from its base64 text, or a problem saying what it must be.</summary>
    public static MasterKey ReadMasterKey(string base64)
    {
        try
        {
            return new MasterKey(base64);
        }
        catch (InvalidOperationException e)
        {
            throw new StartupProblem("PAYHUB__MASTERKEY (PayHub:MasterKey) is not base64 of 32 bytes; make one with $(head -c 32 /dev/urandom | base64).", ExitCodes.Configuration, e);
        }
    }

    /// <summary>
    /// A SQLite location a person can mend before anything opens it: its folder must exist, it must not be a
    /// folder itself, and with <paramref name="mustExist"/> (a command that works on an existing database) the
    /// file must be there, so a misspelt path never becomes a new, empty database.
    /// </summary>
    public static void CheckLocation(string location, bool mustExist = false)
    {
        if (PostgresLocation.IsPostgres(location))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(location));
        if (Directory.Exists(location))
        {
            throw new StartupProblem($"--db {location} is a folder, not a database file: name a file in it, e.g. --db {Path.Combine(location, "payhub.db")}.");
        }

        if (folder is not null && !Directory.Exists(folder))
        {
            throw new StartupProblem($"the folder {folder} of --db {location} does not exist: create it (mkdir -p {folder}) or choose another path.");
        }

        if (mustExist && !File.Exists(location))
        {
            throw new StartupProblem($"no database at {location}: check the path, or start the server once with --db {location} to create it.", ExitCodes.Usage);
        }
    }

    /// <summary>Creates or migrates the schema, saying in one line when the file is not a SQLite database.</summary>
    public static IReadOnlyList<int> Migrate(Database database)
    {
        try
        {
            return Migrator.Migrate(database);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode is 26 or 11) // SQLITE_NOTADB, SQLITE_CORRUPT
        {
            throw new StartupProblem($"{database.Location} is not a SQLite database (or is damaged): point --db at a PayHub database, or at a new file.", ExitCodes.Configuration, e);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode is 14 or 8 or 23) // SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_AUTH
        {
            throw new StartupProblem($"cannot open {database.Location} for writing ({e.Message.Split(": ")[^1]}): check the file's and its folder's permissions.", ExitCodes.Configuration, e);
        }
    }

    /// <summary>Checks that the database's secrets were sealed with this master key (it keeps a keyed check value); records the check on a new database.</summary>
    public static void CheckMasterKey(WriteScope scope, SecretHasher hasher)
    {
        var check = hasher.Hash("payhub master key check");
        var stored = scope.Scalar("SELECT value FROM payhub_settings WHERE name = @p0", MasterKeyCheck) as string;
        if (stored is null)
        {
            scope.Execute("INSERT INTO payhub_settings (name, value) VALUES (@p0, @p1)", MasterKeyCheck, check);
        }
        else if (stored != check)
        {
            throw new StartupProblem("the master key (PAYHUB__MASTERKEY) is not the one this database's secrets were sealed with: set the key it was created with.");
        }
    }

    /// <summary>
    /// Whether the database is a sandbox, settled once and kept in it (<c>payhub_settings.mode</c>): a database is a
    /// sandbox when it was created for sandbox mode (<c>--demo</c>, <c>PayHub:Sandbox</c>, <c>migrate --sandbox</c>:
    /// asked for while it held no callers yet) or holds the demo data from before modes were kept; any other is a
    /// production database, which sandbox mode is refused on. Returns true for a sandbox.
    /// </summary>
    public static bool SettleMode(WriteScope scope, bool sandboxAsked, string location)
    {
        var mode = scope.Scalar("SELECT value FROM payhub_settings WHERE name = @p0", Mode) as string;
        if (mode is null)
        {
            var demoLoaded = scope.Scalar("SELECT value FROM payhub_settings WHERE name = @p0", DemoLoaded) is not null;
            var hasCallers = scope.Scalar(
                """
                SELECT 1 WHERE EXISTS (SELECT 1 FROM utility_institutions) OR EXISTS (SELECT 1 FROM dsp_front_ends)
                    OR EXISTS (SELECT 1 FROM ga_integrators) OR EXISTS (SELECT 1 FROM risk_agents)
                """) is not null;
            mode = demoLoaded || (sandboxAsked && !hasCallers) ? Sandbox : Production;
            scope.Execute("INSERT INTO payhub_settings (name, value) VALUES (@p0, @p1)", Mode, mode);
        }

        if (mode != Sandbox && sandboxAsked)
        {
            throw new StartupProblem(
                $"{location} was not created as a sandbox: sandbox mode (--demo, PayHub:Sandbox) runs only on a database created for it; start without it, or give a new --db.");
        }

        return mode == Sandbox;
    }

    /// <summary>Every family's demo data, and the note that it is loaded (the demo admin token is issued once, by <see cref="Prepare"/>).</summary>
    public static void LoadDemoData(WriteScope scope, IEnumerable<IDemoData> demoData, DateTimeOffset now)
    {
        foreach (var family in demoData)
        {
            family.Load(scope, now);
        }

        scope.Execute("INSERT INTO payhub_settings (name, value) VALUES (@p0, @p1)", DemoLoaded, now.ToString("O"));
    }

    /// <summary>
    /// Migrates, checks the master key, settles the database's mode (<see cref="SettleMode"/>), and loads the demo
    /// data of every family once when <see cref="PayHubOptions.Demo"/> is set.
    /// </summary>
    public static void Prepare(Database database, IOptions<PayHubOptions> options, SecretHasher hasher, IEnumerable<IDemoData> demoData, TimeProvider clock, ILogger logger)
    {
        var applied = Migrate(database);
        // Under the migrations' lock: nodes starting together settle the master key, the mode and the demo data one after another.
        var (sandbox, demoLoaded) = database.Migrate(scope =>
        {
            CheckMasterKey(scope, hasher);
            var sandbox = SettleMode(scope, options.Value.Demo || options.Value.Sandbox, database.Location);
            if (!options.Value.Demo || scope.Scalar("SELECT value FROM payhub_settings WHERE name = @p0", DemoLoaded) is not null)
            {
                return (sandbox, false);
            }

            var now = clock.GetUtcNow();
            Admin.AdminTokens.Issue(scope, hasher, "demo", now, "demo-admin-token");
            LoadDemoData(scope, demoData, now);
            return (sandbox, true);
        });
        database.Sandbox = sandbox;
        LogMigrated(logger, database.Location, sandbox ? Sandbox : Production, applied.Count);
        if (demoLoaded)
        {
            LogDemo(logger, database.Location);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Location} ({Mode} mode): schema up to date ({Applied} migrations applied now)")]
    private static partial void LogMigrated(ILogger logger, string location, string mode, int applied);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data loaded into {Location}")]
    private static partial void LogDemo(ILogger logger, string location);
}
