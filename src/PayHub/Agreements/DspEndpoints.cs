using PayHub.Hosting;
using PayHub.Exchanges;
using PayHub.Agreements.Channels;

namespace PayHub.Agreements;

/// <summary>Routes and services of family B, the agreement gateway: <c>POST /dsp</c>.</summary>
public static class DspEndpoints
{
    public static IEndpointRouteBuilder MapDspApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/dsp", (HttpContext http, FrontDoor door, DspGateway gateway) => door.HandleAsync(http, gateway))
            .WithTags("Agreement gateway")
            .WithGroupName(DspApiDescription.Document)
            .WithName("Dsp").ProducesProblem(403)
            .WithSummary("Contract, DeContract or QryContract in the ATSYH envelope, signed with X-DSP-Client / X-DSP-Signature");
        return app;
    }

    public static IServiceCollection AddDspFamily(this IServiceCollection services)
    {
        services.AddApiDocument(DspApiDescription.Document, DspApiDescription.Title, DspApiDescription.Summary, new DspApiDescription());
        services.AddSingleton(new Hosting.FamilyRoutes(app => app.MapDspApi()));
        services.AddSingleton<Storage.IDemoData, DspDemoData>();
        services.AddHttpClient(HttpChannel.HttpClientName);
        services.AddSingleton<FrontEndStore>();
        services.AddSingleton<FrontEndDirectory>();
        services.AddSingleton<Hosting.ICachedData>(sp => sp.GetRequiredService<FrontEndDirectory>());
        services.AddSingleton<ChannelStore>();
        services.AddSingleton<ChannelDirectory>();
        services.AddSingleton<Hosting.ICachedData>(sp => sp.GetRequiredService<ChannelDirectory>());
        services.AddSingleton<CodeMap>();
        services.AddSingleton<Hosting.ICachedData>(sp => sp.GetRequiredService<CodeMap>());
        services.AddSingleton<ChannelCaller>();
        services.AddSingleton<SandboxBank>();
        services.AddSingleton<IChannelAdapter, SimulatedChannel>();
        services.AddSingleton<HttpChannel>();
        services.AddSingleton<IChannelAdapter>(sp => sp.GetRequiredService<HttpChannel>());
        services.AddSingleton<ReqSeqIdRegister>();
        services.AddSingleton<AgreementFlow>();
        services.AddSingleton<DspGateway>();
        services.AddSingleton(DspTriggers.Catalogue);
        services.AddSingleton<UnknownOutcomeResolver>();
        services.AddHostedService(sp => sp.GetRequiredService<UnknownOutcomeResolver>());
        services.AddSingleton<Hosting.IFamilyErrorAnswer, DspErrorAnswer>();
        return services;
    }
}
