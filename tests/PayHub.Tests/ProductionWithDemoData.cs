using Microsoft.Extensions.DependencyInjection;

namespace PayHub.Tests;

/// <summary>
/// A production database (not a sandbox) holding the demo's callers and data, loaded by a first start and served by
/// a second that reads them as it would any data: for what must differ between a sandbox and production on the
/// same requests. It signs global answers with a key of its own, generated on its first start.
/// </summary>
public sealed class ProductionWithDemoData : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("production");

    public ProductionWithDemoData()
    {
        using (var first = Server())
        {
            var services = first.Services;
            var database = services.GetRequiredService<PayHub.Storage.Database>();
            Assert.False(database.Sandbox);
            AdminToken = database.Write(scope =>
            {
                PayHub.Storage.StorageStartup.LoadDemoData(scope, services.GetServices<PayHub.Storage.IDemoData>(), DateTimeOffset.UtcNow);
                return PayHub.Admin.AdminTokens.Issue(scope, services.GetRequiredService<PayHub.Secrets.SecretHasher>(), "test", DateTimeOffset.UtcNow);
            });
        }

        Factory = Server();
        Assert.False(Factory.Services.GetRequiredService<PayHub.Storage.Database>().Sandbox);
    }

    public PayHubFactory Factory { get; }

    public string AdminToken { get; }

    public HttpClient Admin()
    {
        var admin = Factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
        return admin;
    }

    public void Dispose()
    {
        Factory.Dispose();
        TestDatabases.DeleteFolder(_folder);
    }

    private PayHubFactory Server()
    {
        var factory = PayHubFactory.On(_folder);
        factory.Settings["PayHub:Demo"] = "false";
        factory.Settings["PayHub:MasterKey"] = PayHub.Secrets.MasterKey.Demo;
        return factory;
    }
}
