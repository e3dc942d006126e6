using PayHub.Exchanges;
using PayHub.Hosting;
using PayHub.Protocols.GlobalAccounts;

namespace PayHub.GlobalAccounts;

/// <summary>Routes and services of family C, the global account API: everything under <c>/amsin</c> and <c>/ams</c>.</summary>
public static class GlobalAccountsEndpoints
{
    public static IEndpointRouteBuilder MapGlobalAccountsApi(this IEndpointRouteBuilder app)
    {
        // One route for every path and method under /amsin and /ams: an unknown path or a wrong method is
        // answered in the family's own signed envelope (INVALID_API, METHOD_NOT_SUPPORTED), never a bare 404/405.
        foreach (var root in GlobalPaths.Roots)
        {
            app.Map(root + "/{**rest}", (HttpContext http, FrontDoor door, GlobalAccountsGateway gateway) => door.HandleAsync(http, gateway))
                .ExcludeFromDescription() // a catch-all: GlobalAccountsApiDescription declares its operations' paths
                .WithTags("Global account API")
                .WithName("GlobalAccounts" + root.TrimStart('/'))
                .WithSummary("inquiryAccount, inquiryBalance and applyToken under /amsin/api/v1, /ams/api/v1 and /ams/sandbox/api/v1, RSA256-signed both ways")
                .RunsOnThreadPool(); // every answer is RSA-signed: about a quarter of a millisecond of one core
        }

        return app;
    }

    public static IServiceCollection AddGlobalAccountsFamily(this IServiceCollection services)
    {
        services.AddApiDocument(GlobalAccountsApiDescription.Document, GlobalAccountsApiDescription.Title, GlobalAccountsApiDescription.Summary, new GlobalAccountsApiDescription());
        services.AddSingleton(new Hosting.FamilyRoutes(app => app.MapGlobalAccountsApi()));
        services.AddSingleton<Storage.IDemoData, GlobalAccountsDemoData>();
        services.AddSingleton<IntegratorStore>();
        services.AddSingleton<GlobalCustomerStore>();
        services.AddSingleton<ServerKeyStore>();
        services.AddSingleton<IntegratorDirectory>();
        services.AddSingleton<ICachedData>(sp => sp.GetRequiredService<IntegratorDirectory>());
        services.AddSingleton<ServerSigningKey>();
        services.AddSingleton<SignedAnswer>();
        services.AddSingleton<CustomerResolution>();
        services.AddSingleton<OAuthGrants>();
        services.AddSingleton<IGlobalOperation, AccountInquiry>();
        services.AddSingleton<IGlobalOperation, BalanceInquiry>();
        services.AddSingleton<IGlobalOperation, TokenGrant>();
        services.AddSingleton<GlobalAccountsGateway>();
        services.AddSingleton(GlobalTriggers.Catalogue);
        services.AddSingleton<IFamilyErrorAnswer, GlobalAccountsErrorAnswer>();
        return services;
    }
}
