using System.CommandLine;
using PayHub.Hosting;
using PayHub.Secrets;
using PayHub.Storage;

// payhub: the server and its operator commands. With no command it serves, so that the test
// host and `dotnet run` without arguments behave like `payhub serve`.
var demoOption = new Option<bool>("--demo") { Description = "Load the demo data of SPEC.md (on a fresh temporary database unless --db is given)" };
var dbOption = new Option<string?>("--db") { Description = "The database (PayHub:Database): a SQLite file, or a PostgreSQL connection string or postgresql:// URL; created or migrated on start" };

var serve = new Command("serve", "Start the server (ASP.NET Core options such as --urls pass through)") { demoOption, dbOption };
serve.TreatUnmatchedTokensAsErrors = false;
serve.SetAction(async (parse, cancellationToken) =>
{
    var hostArgs = new List<string>(parse.UnmatchedTokens);
    if (parse.GetValue(demoOption))
    {
        hostArgs.Add("--PayHub:Demo=true");
    }

    if (parse.GetValue(dbOption) is { } db)
    {
        hostArgs.Add("--PayHub:Database=" + db);
    }

    await using var app = PayHubServer.Build([.. hostArgs]);
    await app.RunAsync(cancellationToken);
    return 0;
});

var migrateDb = new Option<string>("--db") { Description = "The database: a SQLite file, or a PostgreSQL connection string or postgresql:// URL", Required = true };
var migrate = new Command("migrate", "Create or upgrade a database's schema, then exit") { migrateDb };
migrate.SetAction(parse =>
{
    var database = new Database(parse.GetValue(migrateDb)!);
    var applied = Migrator.Migrate(database);
    Console.WriteLine($"{database.Location}: {applied.Count} migrations applied, schema at version {Migrator.Available(database.Engine)[^1].Version}");
    return 0;
});

var tokenDb = new Option<string>("--db") { Description = "The database: a SQLite file, or a PostgreSQL connection string or postgresql:// URL", Required = true };
var tokenLabel = new Option<string>("--label") { Description = "Who the token is for", DefaultValueFactory = _ => "operator" };
var adminToken = new Command("admin-token", "Issue a new admin API token (printed once; needs PAYHUB__MASTERKEY)") { tokenDb, tokenLabel };
adminToken.SetAction(parse =>
{
    var masterKey = Environment.GetEnvironmentVariable("PAYHUB__MASTERKEY");
    if (string.IsNullOrWhiteSpace(masterKey))
    {
        Console.Error.WriteLine("Set PAYHUB__MASTERKEY to the server's master key first.");
        return 2;
    }

    var database = new Database(parse.GetValue(tokenDb)!);
    Migrator.Migrate(database);
    using var connection = database.Open();
    var token = PayHub.Admin.AdminTokens.Issue(connection, null, new SecretHasher(new MasterKey(masterKey)), parse.GetValue(tokenLabel)!, DateTimeOffset.UtcNow);
    Console.WriteLine(token);
    return 0;
});

var bookDb = new Option<string>("--db") { Description = "A new database for the book: a SQLite file, or an empty PostgreSQL database", Required = true };
var bookTop = new Option<int>("--top") { Description = "Level-1 agents", DefaultValueFactory = _ => 10 };
var bookFanout = new Option<int>("--fanout") { Description = "Children of each level-1 and level-2 agent", DefaultValueFactory = _ => 10 };
var bookMerchants = new Option<int>("--merchants") { Description = "Merchants, spread over the level-3 agents", DefaultValueFactory = _ => 100_000 };
var bookCases = new Option<int>("--cases") { Description = "Cases, spread over the merchants and the months", DefaultValueFactory = _ => 1_000_000 };
var bookMonths = new Option<int>("--months") { Description = "Months of cases, ending December 2025", DefaultValueFactory = _ => 24 };
var riskBook = new Command("risk-book", "Write a synthetic risk-case book to benchmark on (needs PAYHUB__MASTERKEY; agents' secrets are public test data)")
{
    bookDb, bookTop, bookFanout, bookMerchants, bookCases, bookMonths,
};
riskBook.SetAction(parse =>
{
    var masterKey = Environment.GetEnvironmentVariable("PAYHUB__MASTERKEY");
    if (string.IsNullOrWhiteSpace(masterKey))
    {
        Console.Error.WriteLine("Set PAYHUB__MASTERKEY to the master key the server will run with first.");
        return 2;
    }

    var database = new Database(parse.GetValue(bookDb)!);
    Migrator.Migrate(database);
    PayHub.RiskCases.SyntheticBook.Write(
        database, new SecretBox(new MasterKey(masterKey)), parse.GetValue(bookTop), parse.GetValue(bookFanout), parse.GetValue(bookMerchants),
        parse.GetValue(bookCases), parse.GetValue(bookMonths), Console.Error);
    Console.WriteLine($"{database.Location}: synthetic risk-case book written");
    return 0;
});

var root = new RootCommand("PayHub: four payment-industry interfaces over one core and one database") { serve, migrate, adminToken, riskBook };
string[] commands = ["serve", "migrate", "admin-token", "risk-book", "--help", "-h", "-?", "--version"];
var effectiveArgs = args.Length > 0 && commands.Contains(args[0]) ? args : ["serve", .. args];
return await root.Parse(effectiveArgs).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });

/// <summary>The entry point, named for the test host.</summary>
public partial class Program;
