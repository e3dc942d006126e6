using Microsoft.Extensions.DependencyInjection;
using PayHub.Client.Agreements;
using PayHub.Client.GlobalAccounts;
using PayHub.Client.RiskCases;
using PayHub.Client.Utility;

namespace PayHub.Client.Tests;

[Collection(DemoServerCollection.Name)]
public sealed class AddPayHubClientsTests(DemoServer server)
{
    [Fact]
    public async Task Each_configured_family_resolves_to_a_working_typed_client_and_the_others_are_not_registered()
    {
        var services = new ServiceCollection();
        services.AddPayHubClients(payhub =>
        {
            payhub.Utility = new UtilityClientOptions { BaseAddress = server.Address, InstId = DemoServer.DemoInstId, ApiKey = DemoServer.DemoApiKey };
            payhub.RiskCases = new RiskCaseClientOptions { BaseAddress = server.Address, AccessId = DemoServer.RiskAccessId, Secret = DemoServer.RiskSecret };
        });
        await using var provider = services.BuildServiceProvider();

        var check = await provider.GetRequiredService<UtilityClient>().CustomerCheckAsync(new CustomerCheckRequest { CompanyId = "654321", BillKey = "123456" });
        var page = await provider.GetRequiredService<RiskCaseClient>().QueryAsync(new RiskCaseQuery { Rows = 1 });

        Assert.True(check.IsSuccess, check.RespMessage);
        Assert.True(page.IsSuccess, page.ReturnMsg);
        Assert.Null(provider.GetService<AgreementClient>());
        Assert.Null(provider.GetService<GlobalAccountsClient>());
    }

    [Fact]
    public async Task A_cancelled_token_stops_the_call()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            server.Utility().CustomerCheckAsync(new CustomerCheckRequest { CompanyId = "654321", BillKey = "123456" }, cancelled.Token));
    }
}
