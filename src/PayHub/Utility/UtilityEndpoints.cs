using PayHub.Hosting;
using PayHub.Exchanges;

namespace PayHub.Utility;

/// <summary>Routes of family A: <c>POST /utility/{TranCode}</c>, and <c>POST /utility</c> with the TranCode in the body.</summary>
public static class UtilityEndpoints
{
    public static IEndpointRouteBuilder MapUtilityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/utility").WithTags("Utility billing").WithGroupName(UtilityApiDescription.Document);
        group.MapPost("", (HttpContext http, FrontDoor door, UtilityGateway gateway) => door.HandleAsync(http, gateway))
            .WithName("UtilityByBodyTranCode").ProducesProblem(403)
            .WithSummary("Any utility operation, the TranCode taken from the body");
        group.MapPost("/{tranCode}", (HttpContext http, FrontDoor door, UtilityGateway gateway) => door.HandleAsync(http, gateway))
            .WithName("UtilityByPathTranCode").ProducesProblem(403)
            .WithSummary("A utility operation named in the path (e.g. CustomerCheck); the body's TranCode must agree");
        group.MapMethods("/{tranCode?}", ["GET", "PUT", "DELETE", "PATCH"], (HttpContext http) => UtilityErrorAnswer.WrongMethod(http))
            .WithName("UtilityWrongMethod").ProducesProblem(403)
            .ExcludeFromDescription()
            .WithSummary("Anything but POST: DEF0001 in the family's envelope, HTTP 405");
        return app;
    }

    public static IServiceCollection AddUtilityFamily(this IServiceCollection services)
    {
        services.AddApiDocument(UtilityApiDescription.Document, UtilityApiDescription.Title, UtilityApiDescription.Summary, new UtilityApiDescription());
        services.AddSingleton(new Hosting.FamilyRoutes(app => app.MapUtilityApi()));
        services.AddSingleton<Storage.IDemoData, UtilityDemoData>();
        services.AddSingleton<InstitutionStore>();
        services.AddSingleton<UtilityBookStore>();
        services.AddSingleton<InstitutionDirectory>();
        services.AddSingleton<Hosting.ICachedData>(sp => sp.GetRequiredService<InstitutionDirectory>());
        services.AddSingleton<TranSeqRegister>();
        services.AddSingleton<UtilityGateway>();
        services.AddSingleton(UtilityTriggers.Catalogue);
        services.AddSingleton<IUtilityOperation, CustomerCheck>();
        services.AddSingleton<IUtilityOperation, BillQuery>();
        services.AddSingleton<IUtilityOperation, BillPayment>();
        services.AddSingleton<IUtilityOperation, PaymentReversal>();
        services.AddSingleton<IUtilityOperation, Reconciliation>();
        services.AddSingleton<Hosting.IFamilyErrorAnswer, UtilityErrorAnswer>();
        return services;
    }
}
