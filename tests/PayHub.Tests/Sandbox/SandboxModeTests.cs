using System.Net;
using System.Text.Json;
using PayHub.Tests.Cli;
using PayHub.Tests.MultiNode;

namespace PayHub.Tests.Sandbox;

/// <summary>
/// Sandbox mode belongs to the database: a database created for it (<c>--demo</c>, <c>PayHub:Sandbox</c>,
/// <c>migrate --sandbox</c>) is a sandbox for good, any other is production, and sandbox mode is refused on a
/// production database with one line. The mode shows in <c>/health/ready</c> and in the start-up log line.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class SandboxModeTests : IDisposable
{
    private static readonly Dictionary<string, string> Key = new() { ["PAYHUB__MASTERKEY"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()) };

    private readonly string _folder = TestDatabases.NewFolder("mode");

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    private static async Task<string> ModeAsync(PayHubFactory factory)
    {
        using var client = factory.CreateClient();
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        return body.GetProperty("mode").GetString()!;
    }

    private PayHubFactory Server(bool demo, bool sandbox = false)
    {
        var factory = PayHubFactory.On(_folder);
        factory.Settings["PayHub:Demo"] = demo ? "true" : "false";
        factory.Settings["PayHub:Sandbox"] = sandbox ? "true" : "false";
        factory.Settings["PayHub:MasterKey"] = Key["PAYHUB__MASTERKEY"];
        return factory;
    }

    [Theory]
    [InlineData(true, "sandbox")]
    [InlineData(false, "production")]
    public async Task The_mode_a_database_is_created_with_is_its_mode_for_good(bool demo, string mode)
    {
        using (var first = Server(demo))
        {
            Assert.Equal(mode, await ModeAsync(first));
            Assert.Contains(first.Logs.Lines, line => line.Contains($"({mode} mode): schema up to date", StringComparison.Ordinal));
        }

        using var later = Server(demo: false); // a sandbox stays one without --demo; a production database stays production
        Assert.Equal(mode, await ModeAsync(later));
    }

    [Fact]
    public async Task Sandbox_mode_without_demo_data_is_granted_on_a_new_database()
    {
        using var sandbox = Server(demo: false, sandbox: true);
        Assert.Equal("sandbox", await ModeAsync(sandbox));
    }

    [Fact]
    public async Task The_cli_creates_a_sandbox_with_migrate_and_refuses_sandbox_mode_on_a_production_database_in_one_line()
    {
        var sandboxDb = Path.Combine(_folder, "sandbox.db");
        var productionDb = Path.Combine(_folder, "production.db");

        var created = await PayhubCommand.RunAsync(null, "migrate", "--db", sandboxDb, "--sandbox");
        var plain = await PayhubCommand.RunAsync(null, "migrate", "--db", productionDb); // created without --sandbox: production
        var demoRefused = await PayhubCommand.RunAsync(Key, "serve", "--demo", "--db", productionDb);
        var settingRefused = await PayhubCommand.RunAsync(Key, "serve", "--db", productionDb, "--PayHub:Sandbox=true");
        var migrateRefused = await PayhubCommand.RunAsync(null, "migrate", "--db", productionDb, "--sandbox");

        Assert.Equal(0, created.ExitCode);
        Assert.EndsWith(", a sandbox", created.Output.Trim(), StringComparison.Ordinal);
        Assert.Equal(0, plain.ExitCode);
        Assert.DoesNotContain("sandbox", plain.Output, StringComparison.Ordinal);
        foreach (var run in new[] { demoRefused, settingRefused, migrateRefused })
        {
            Assert.Equal(78, run.ExitCode);
            var line = Assert.Single(run.ErrorLines);
            Assert.StartsWith("payhub: ", line, StringComparison.Ordinal);
            Assert.Contains("was not created as a sandbox", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
    }
}
