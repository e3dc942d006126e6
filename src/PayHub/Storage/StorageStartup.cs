using Dapper;
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

    /// <summary>The database location: the configured path, or with --demo and none configured a fresh temporary file.</summary>
    public static string ResolveLocation(PayHubOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Database))
        {
            return options.Database;
        }

        if (!options.Demo)
        {
            throw new InvalidOperationException("No database configured: pass --db <file> (PayHub:Database), or --demo for a temporary demo database.");
        }

        var folder = Path.Combine(Path.GetTempPath(), "payhub-demo-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "payhub.db");
    }

    public static MasterKey ResolveMasterKey(PayHubOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.MasterKey))
        {
            return new MasterKey(options.MasterKey);
        }

        return options.Demo
            ? new MasterKey(MasterKey.Demo)
            : throw new InvalidOperationException("No master key configured: set PayHub:MasterKey (PAYHUB__MASTERKEY), base64 of 32 random bytes.");
    }

    /// <summary>Migrates, checks the master key, and loads the demo data of every family once when <see cref="PayHubOptions.Demo"/> is set.</summary>
    public static void Prepare(Database database, IOptions<PayHubOptions> options, SecretHasher hasher, IEnumerable<IDemoData> demoData, TimeProvider clock, ILogger logger)
    {
        var applied = Migrator.Migrate(database);
        LogMigrated(logger, database.Location, applied.Count);

        using var connection = database.Open();
        using var transaction = database.BeginWrite(connection);
        var check = hasher.Hash("payhub master key check");
        var stored = connection.ExecuteScalar<string?>("SELECT value FROM payhub_settings WHERE name = @MasterKeyCheck", new { MasterKeyCheck }, transaction);
        if (stored is null)
        {
            connection.Execute("INSERT INTO payhub_settings (name, value) VALUES (@MasterKeyCheck, @check)", new { MasterKeyCheck, check }, transaction);
        }
        else if (stored != check)
        {
            throw new InvalidOperationException("The configured master key is not the one this database's secrets were sealed with.");
        }

        var loaded = connection.ExecuteScalar<string?>("SELECT value FROM payhub_settings WHERE name = @DemoLoaded", new { DemoLoaded }, transaction);
        if (options.Value.Demo && loaded is null)
        {
            var now = clock.GetUtcNow();
            Admin.AdminTokens.Issue(connection, transaction, hasher, "demo", now, "demo-admin-token");
            foreach (var family in demoData)
            {
                family.Load(connection, transaction, now);
            }
            connection.Execute("INSERT INTO payhub_settings (name, value) VALUES (@DemoLoaded, @at)", new { DemoLoaded, at = now.ToString("O") }, transaction);
            LogDemo(logger, database.Location);
        }

        transaction.Commit();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Location}: schema up to date ({Applied} migrations applied now)")]
    private static partial void LogMigrated(ILogger logger, string location, int applied);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data loaded into {Location}")]
    private static partial void LogDemo(ILogger logger, string location);
}
