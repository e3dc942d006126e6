using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PayHub.Exchanges;
using PayHub.Hosting;

namespace PayHub.Tests.Extending;

/// <summary>Step 3 of docs/extending.md: the echo family's route through the front door, and its services.</summary>
public static class EchoEndpoints
{
    public static IEndpointRouteBuilder MapEchoApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/echo", (HttpContext http, FrontDoor door, EchoGateway gateway) => door.HandleAsync(http, gateway));
        return app;
    }

    public static IServiceCollection AddEchoFamily(this IServiceCollection services) =>
        services.AddSingleton(new FamilyRoutes(app => app.MapEchoApi()))
            .AddSingleton<EchoGateway>()
            .AddSingleton<IFamilyErrorAnswer, EchoErrorAnswer>();
}
