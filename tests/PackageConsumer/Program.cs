using Microsoft.Extensions.DependencyInjection;
using PayHub.Client;
using PayHub.Client.Agreements;
using PayHub.Client.GlobalAccounts;
using PayHub.Client.RiskCases;
using PayHub.Client.Utility;

// payhub-consumer <url> <folder with demo-client-private.pem and demo-server-public.pem>: one call per family, one line each.
var url = new Uri(args[0]);
var services = new ServiceCollection();
services.AddPayHubClients(payhub =>
{
    payhub.Utility = new UtilityClientOptions { BaseAddress = url, InstId = "00001", ApiKey = "demo-utility-key" }
        .UseEncryption("SM4", "CBC", "0123456789abcdeffedcba9876543210");
    payhub.Agreements = new AgreementClientOptions { BaseAddress = url, ClientId = "demo-frontend", Secret = "demo-dsp-secret" };
    payhub.GlobalAccounts = new GlobalAccountsClientOptions
    {
        BaseAddress = url,
        ClientId = "DEMO_CLIENT_001",
        ClientPrivateKeyPem = File.ReadAllText(Path.Combine(args[1], "demo-client-private.pem")),
        ServerPublicKeyPem = File.ReadAllText(Path.Combine(args[1], "demo-server-public.pem")),
    };
    payhub.RiskCases = new RiskCaseClientOptions { BaseAddress = url, AccessId = "4028805b6e86d179016e874f6c4200ad", Secret = "demo-risk-secret" };
});
await using var provider = services.BuildServiceProvider();

var check = await provider.GetRequiredService<UtilityClient>().CustomerCheckAsync(new CustomerCheckRequest { CompanyId = "654321", BillKey = "123456" });
Console.WriteLine($"utility {check.RespCode} {check.CustomerName} {check.TotalPayAmount}");

var agreement = await provider.GetRequiredService<AgreementClient>().QueryAsync(
    new AgreementRequest { BankCode = "ALIPAY01", ReqSeqId = AgreementClient.NewSequence(), AuthCode = "30101194506012712" });
Console.WriteLine($"dsp {agreement.UnifiedCode} {agreement.State}");

var accounts = await provider.GetRequiredService<GlobalAccountsClient>().InquiryAccountAsync(
    new InquiryAccountRequest { AccountType = "RECEIVE_ACCOUNT", ReferenceCustomerId = "REF-0001" });
Console.WriteLine($"global {accounts.Result.ResultCode} {string.Join(",", accounts.AccountInfos.SelectMany(a => a.CurrencyList).Order())}");

var page = await provider.GetRequiredService<RiskCaseClient>().QueryAsync(new RiskCaseQuery { Rows = 1 });
Console.WriteLine($"risk {page.ReturnCode} {page.Total}");
