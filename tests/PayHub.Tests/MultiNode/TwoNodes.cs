using System.Data.Common;

namespace PayHub.Tests.MultiNode;

/// <summary>
/// Two PayHub processes on two loopback ports sharing one database (the engine under test: a SQLite
/// file, or a PostgreSQL database with PAYHUB_TEST_POSTGRES), as behind a load balancer.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private readonly string _folder = TestDatabases.NewFolder("twonodes");

    public PayHubNode A { get; private set; } = null!;

    public PayHubNode B { get; private set; } = null!;

    public string Database { get; private set; } = "";

    /// <summary>Settings both nodes get (PayHub:… without the prefix), before they start.</summary>
    public Dictionary<string, string> Settings { get; } = new()
    {
        ["DspResolverIntervalMs"] = "100",
        ["RiskPushIntervalMs"] = "100",
    };

    /// <summary>Node A, then node B; or, for the other node in a test that picks, the one that is not <paramref name="node"/>.</summary>
    public PayHubNode Other(PayHubNode node) => node == A ? B : A;

    /// <summary>The i-th of a spread of requests goes to A or B in turn.</summary>
    public PayHubNode Spread(int i) => i % 2 == 0 ? A : B;

    public DbConnection OpenDatabase() => TestDatabases.Open(Database);

    public async Task InitializeAsync()
    {
        Database = TestDatabases.For(_folder);
        // Node A creates the schema and loads the demo data; node B finds both done. On PostgreSQL,
        // A is given a connection string and B the same database as a postgresql:// URL.
        A = await PayHubNode.StartAsync(Database, Settings);
        B = await PayHubNode.StartAsync(TestDatabases.AsUrl(Database), Settings);
    }

    public Task DisposeAsync()
    {
        A?.Dispose();
        B?.Dispose();
        TestDatabases.DeleteFolder(_folder);
        return Task.CompletedTask;
    }
}
