using PayHub.Client.Agreements;
using PayHub.Client.GlobalAccounts;
using PayHub.Client.RiskCases;
using PayHub.Client.Utility;
using PayHub.Tests.MultiNode;

namespace PayHub.Client.Tests;

/// <summary>
/// <c>payhub serve --demo</c> in its own process on a loopback port, on a fresh SQLite file: the server every test of
/// this project talks to, as an integrator's program would. The tests of one collection share it and run one after another.
/// </summary>
public sealed class DemoServer : IAsyncLifetime
{
    public const string DemoInstId = "00001";
    public const string DemoApiKey = "demo-utility-key";
    public const string BlockKeyHex = "0123456789abcdeffedcba9876543210";
    public const string TripleDesKeyHex = "0123456789abcdef23456789abcdef01456789abcdef0123";
    public const string RiskAccessId = "4028805b6e86d179016e874f6c4200ad";
    public const string RiskSecret = "demo-risk-secret";

    private readonly string _folder = Directory.CreateTempSubdirectory("payhub-client-").FullName;
    private PayHubNode? _node;

    public PayHubNode Node => _node ?? throw new InvalidOperationException("not started");

    public Uri Address => Node.Address;

    public async Task InitializeAsync() => _node = await PayHubNode.StartAsync(Path.Combine(_folder, "payhub.db"));

    public Task DisposeAsync()
    {
        _node?.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    public static string Pem(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "worldfirst", name));

    public UtilityClient Utility(Action<UtilityClientOptions>? configure = null)
    {
        var options = new UtilityClientOptions { BaseAddress = Address, InstId = DemoInstId, ApiKey = DemoApiKey };
        configure?.Invoke(options);
        return new UtilityClient(new HttpClient(), options);
    }

    public AgreementClient Agreements(string secret = "demo-dsp-secret", List<ExchangeStep>? steps = null) =>
        new(new HttpClient(), new AgreementClientOptions { BaseAddress = Address, ClientId = "demo-frontend", Secret = secret, Explain = steps is null ? null : steps.Add });

    public GlobalAccountsClient Global(Uri? address = null, string serverKey = "demo-server-public.pem") =>
        new(new HttpClient(), new GlobalAccountsClientOptions
        {
            BaseAddress = address ?? Address,
            ClientId = "DEMO_CLIENT_001",
            ClientPrivateKeyPem = Pem("demo-client-private.pem"),
            ServerPublicKeyPem = Pem(serverKey),
        });

    public RiskCaseClient Risk(string secret = RiskSecret, List<ExchangeStep>? steps = null) =>
        new(new HttpClient(), new RiskCaseClientOptions { BaseAddress = Address, AccessId = RiskAccessId, Secret = secret, Explain = steps is null ? null : steps.Add });

    public HttpClient Admin() => Node.Admin();
}

[CollectionDefinition(Name)]
public sealed class DemoServerCollection : ICollectionFixture<DemoServer>
{
    public const string Name = "demo server";
}
