using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;
using PayHub.Admin;
using PayHub.Agreements;
using PayHub.Audit;
using PayHub.WebConsole;
using PayHub.GlobalAccounts;
using PayHub.RiskCases;
using PayHub.Sandbox;
using PayHub.Secrets;
using PayHub.Storage;
using PayHub.Telemetry;
using PayHub.Utility;

namespace PayHub.Hosting;

/// <summary>Builds the one server of all families: services, pipeline and routes.</summary>
public static class PayHubServer
{
    public static WebApplication Build(string[] args)
    {
        // Settings are read once, at start (IOptions only), so appsettings.json is not watched: the watcher
        // covers the content root, where a database file may live and change on every write.
        var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
        // The default log levels, here rather than in appsettings.json, which is read only from the content
        // root (the working folder): below every other source, so appsettings, Logging__ variables and
        // arguments still set them. HttpClient's own entries (each failed attempt with its stack trace,
        // at Information) give way to the channel's one line.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
            },
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
        });
        AddServices(builder.Services);
        builder.AddTelemetry();
        var app = builder.Build();
        MapPipeline(app);
        return app;
    }

    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<PayHubOptions>().BindConfiguration(PayHubOptions.Section);
        services.AddSingleton<IConfigureOptions<SocketTransportOptions>, SocketScheduling>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => StorageStartup.ResolveMasterKey(sp.GetRequiredService<IOptions<PayHubOptions>>().Value));
        services.AddSingleton<SecretHasher>();
        services.AddSingleton<SecretBox>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PayHubOptions>>();
            var location = StorageStartup.ResolveLocation(options.Value);
            SocketScheduling.Check(options.Value, location);
            var database = new Database(
                location,
                temporary: string.IsNullOrWhiteSpace(options.Value.Database),
                writers: StorageStartup.ResolveWriters(options.Value));
            StorageStartup.Prepare(
                database,
                options,
                sp.GetRequiredService<SecretHasher>(),
                sp.GetServices<IDemoData>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("PayHub.Storage"));
            return database;
        });
        services.AddSingleton<GroupCommit>();
        services.AddSingleton<AuditRecorder>();
        services.AddSingleton<Journal>();
        services.AddSingleton<AdminTokens>();
        services.AddSingleton<CallerRateLimits>();
        services.AddSingleton<Exchanges.FrontDoor>();
        services.AddHostedService<OpenDatabaseOnStart>();
        services.AddHostedService<JournalPruner>();
        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true); // the admin API answers them (AdminBodyProblems)
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new TextOnlyStrings());
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, UtilityAdminJson.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, AuditJson.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, AgreementJson.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, GlobalAccountsAdminJson.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, RiskAdminJson.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, Sandbox.SandboxJson.Default);
        });
        services.AddUtilityFamily();
        services.AddDspFamily();
        services.AddGlobalAccountsFamily();
        services.AddRiskFamily();
        services.AddSandbox();
        services.AddConsole();
        services.AddApiDocument(ApiDocuments.Admin, AdminApiDescription.Title, AdminApiDescription.Summary, new AdminApiDescription());
    }

    public static void MapPipeline(WebApplication app)
    {
        // A proxy on loopback may say the request came over HTTPS (the console's cookies are then Secure).
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto });
        app.UseRequestIds();
        app.UseMiddleware<FamilyErrors>();
        // Problem details for bodiless errors (e.g. a JSON body that does not bind) belong to the admin
        // API only: the families answer every error in their own envelope.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/admin", StringComparison.Ordinal),
            admin => admin.UseStatusCodePages().UseMiddleware<AdminBodyProblems>());
        app.UseAdminAuthentication();
        app.UseConsoleSessions();

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapMetrics();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = ReadinessAnswer.WriteAsync });

        foreach (var family in app.Services.GetServices<FamilyRoutes>())
        {
            family.Map(app);
        }

        app.MapAdminApi()
            .MapAuditAdmin()
            .MapJournalAdmin()
            .MapInstitutionAdmin()
            .MapCustomerAdmin()
            .MapBillAdmin()
            .MapFrontEndAdmin()
            .MapChannelAdmin()
            .MapAgreementAdmin()
            .MapIntegratorAdmin()
            .MapGlobalCustomerAdmin()
            .MapRiskAgentAdmin()
            .MapRiskCaseAdmin()
            .MapSandboxAdmin();
        app.MapSandbox();
        app.MapConsole();
        app.MapApiDocuments();
    }

    /// <summary>Opens (and so migrates) the database, checks the master key, and makes the server's signing key: what a bad configuration fails on.</summary>
    public static void OpenStorage(IServiceProvider services)
    {
        services.GetRequiredService<Journal>().Check();
        services.GetRequiredService<Database>();
        services.GetRequiredService<GroupCommit>();
        services.GetRequiredService<ServerSigningKey>(); // generated on first start, before the first request needs it
    }

    /// <summary>Opens the storage before the server takes requests (the test host's start; <c>payhub serve</c> opens it before starting the host).</summary>
    private sealed class OpenDatabaseOnStart(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            OpenStorage(services);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
