using System.CommandLine;
using PayHub.Hosting;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Cli;

/// <summary>The commands that work on a database without serving: <c>migrate</c>, <c>admin-token</c>, <c>risk-book</c>.</summary>
public static class StoreCommands
{
    private static Option<string> DbOption(string description) => new("--db") { Description = description, Required = true };

    public static Command Migrate()
    {
        var db = DbOption("The database: a SQLite file, or a PostgreSQL connection string or postgresql:// URL");
        var sandbox = new Option<bool>("--sandbox") { Description = "Create the database as a sandbox (refused on a database that was not created as one)" };
        var migrate = new Command("migrate", "Create or upgrade a database's schema, then exit") { db, sandbox };
        migrate.SetAction(parse =>
        {
            var location = parse.GetValue(db)!;
            StorageStartup.CheckLocation(location);
            using var database = new Database(location);
            var applied = StorageStartup.Migrate(database);
            var mode = database.Write(scope => StorageStartup.SettleMode(scope, parse.GetValue(sandbox), database.Location)) ? ", a sandbox" : "";
            Console.WriteLine($"{database.Location}: {applied.Count} migrations applied, schema at version {Migrator.Available(database.Engine)[^1].Version}{mode}");
            return ExitCodes.Success;
        });
        return migrate;
    }

    public static Command AdminToken()
    {
        var db = DbOption("The server's database: a SQLite file, or a PostgreSQL connection string or postgresql:// URL");
        var label = new Option<string>("--label") { Description = "Who the token is for", DefaultValueFactory = _ => "operator" };
        var readOnly = new Option<bool>("--read-only") { Description = "A token that may read through the admin API and change nothing" };
        var adminToken = new Command("admin-token", "Issue a new admin API token (printed once; needs the server's PAYHUB__MASTERKEY)") { db, label, readOnly };
        adminToken.SetAction(parse =>
        {
            var location = parse.GetValue(db)!;
            StorageStartup.CheckLocation(location, mustExist: true); // a misspelt path is not a new database
            var hasher = new SecretHasher(PayHubCli.MasterKeyFromEnvironment("the server's master key"));
            using var database = new Database(location);
            StorageStartup.Migrate(database);
            var token = database.Write(scope =>
            {
                StorageStartup.CheckMasterKey(scope, hasher); // a token under another key could never work
                return Admin.AdminTokens.Issue(
                    scope, hasher, parse.GetValue(label)!, DateTimeOffset.UtcNow, role: parse.GetValue(readOnly) ? Admin.AdminCaller.ReadOnly : Admin.AdminCaller.Full);
            });
            Console.WriteLine(token);
            return ExitCodes.Success;
        });
        return adminToken;
    }

    public static Command RiskBook()
    {
        var db = DbOption("A new database for the book: a SQLite file, or an empty PostgreSQL database");
        var top = new Option<int>("--top") { Description = "Level-1 agents", DefaultValueFactory = _ => 10 };
        var fanout = new Option<int>("--fanout") { Description = "Children of each level-1 and level-2 agent", DefaultValueFactory = _ => 10 };
        var merchants = new Option<int>("--merchants") { Description = "Merchants, spread over the level-3 agents", DefaultValueFactory = _ => 100_000 };
        var cases = new Option<int>("--cases") { Description = "Cases, spread over the merchants and the months", DefaultValueFactory = _ => 1_000_000 };
        var months = new Option<int>("--months") { Description = "Months of cases, ending December 2025", DefaultValueFactory = _ => 24 };
        var riskBook = new Command("risk-book", "Write a synthetic risk-case book, to size a machine for a book that large or to benchmark on (needs PAYHUB__MASTERKEY; agents' secrets are public test data)")
        {
            db, top, fanout, merchants, cases, months,
        };
        riskBook.SetAction(parse =>
        {
            var location = parse.GetValue(db)!;
            StorageStartup.CheckLocation(location);
            var masterKey = PayHubCli.MasterKeyFromEnvironment("the master key the server will run with");
            using var database = new Database(location);
            StorageStartup.Migrate(database);
            var agents = database.Write(scope =>
            {
                StorageStartup.CheckMasterKey(scope, new SecretHasher(masterKey));
                return RiskCases.SyntheticBook.AgentCount(scope);
            });
            if (agents > 0)
            {
                throw new StartupProblem($"{database.Location} already holds risk agents ({agents}): risk-book writes a book into a new database; give another --db.", ExitCodes.Usage);
            }

            RiskCases.SyntheticBook.Write(
                database, new SecretBox(masterKey), parse.GetValue(top), parse.GetValue(fanout), parse.GetValue(merchants), parse.GetValue(cases), parse.GetValue(months), Console.Error);
            Console.WriteLine($"{database.Location}: synthetic risk-case book written");
            return ExitCodes.Success;
        });
        return riskBook;
    }
}
