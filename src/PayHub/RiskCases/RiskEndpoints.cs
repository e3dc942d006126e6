using PayHub.Exchanges;
using PayHub.Hosting;
using PayHub.Protocols.RiskCases;

namespace PayHub.RiskCases;

/// <summary>Routes and services of family D: <c>POST /risk/case/query</c> and <c>POST /risk/case/reply</c>.</summary>
public static class RiskEndpoints
{
    public static IEndpointRouteBuilder MapRiskApi(this IEndpointRouteBuilder app)
    {
        // A query reads up to a page of cases from the book, over months and an agent's whole tree.
        var group = app.MapGroup("/risk/case").WithTags("Risk cases").WithGroupName(RiskApiDescription.Document).RunsOnThreadPool();
        group.MapPost("/query", (HttpContext http, FrontDoor door, RiskGateway gateway) => door.HandleAsync(http, gateway))
            .WithName("RiskCaseQuery").ProducesProblem(403).WithSummary("A page of the risk cases in the caller's agent tree, MD5-signed");
        group.MapPost("/reply", (HttpContext http, FrontDoor door, RiskGateway gateway) => door.HandleAsync(http, gateway))
            .WithName("RiskCaseReply").ProducesProblem(403).WithSummary("The agent's investigation reply to a case awaiting it (DTJ or BH)");
        return app;
    }

    public static IServiceCollection AddRiskFamily(this IServiceCollection services)
    {
        services.AddApiDocument(RiskApiDescription.Document, RiskApiDescription.Title, RiskApiDescription.Summary, new RiskApiDescription());
        services.AddSingleton(new Hosting.FamilyRoutes(app => app.MapRiskApi()));
        services.AddSingleton<Storage.IDemoData, RiskDemoData>();
        services.AddHttpClient(RiskPushSender.HttpClientName);
        services.AddSingleton<RiskAgentStore>();
        services.AddSingleton<RiskAgentDirectory>();
        services.AddSingleton<ICachedData>(sp => sp.GetRequiredService<RiskAgentDirectory>());
        services.AddSingleton<RiskGateway>();
        services.AddSingleton(RiskTriggers.Catalogue);
        services.AddSingleton<IRiskOperation, CaseQuery>();
        services.AddSingleton<IRiskOperation, CaseReply>();
        services.AddHostedService<RiskPushSender>();
        services.AddSingleton<IFamilyErrorAnswer, RiskErrorAnswer>();
        return services;
    }
}
