using Microsoft.Extensions.DependencyInjection;
using PayHub.Client.Agreements;
using PayHub.Client.GlobalAccounts;
using PayHub.Client.RiskCases;
using PayHub.Client.Utility;

namespace PayHub.Client;

/// <summary>Registers the family clients as typed clients of <c>IHttpClientFactory</c>.</summary>
public static class PayHubClientsServiceCollectionExtensions
{
    /// <summary>
    /// Registers a typed client (<see cref="UtilityClient"/>, <see cref="AgreementClient"/>, <see cref="GlobalAccountsClient"/>,
    /// <see cref="RiskCaseClient"/>) for each family <paramref name="configure"/> sets, with its options as a singleton. Each
    /// client's <see cref="HttpClient"/> comes from <c>IHttpClientFactory</c> (pooled handlers, DNS refresh); chain your own
    /// handlers or resilience through <c>services.AddHttpClient&lt;UtilityClient&gt;()</c>'s builder, which this returns to.
    /// </summary>
    public static IServiceCollection AddPayHubClients(this IServiceCollection services, Action<PayHubClientsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new PayHubClientsOptions();
        configure(options);
        if (options.Utility is { } utility)
        {
            Add(services, utility, (http, o) => new UtilityClient(http, o));
        }

        if (options.Agreements is { } agreements)
        {
            Add(services, agreements, (http, o) => new AgreementClient(http, o));
        }

        if (options.GlobalAccounts is { } global)
        {
            Add(services, global, (http, o) => new GlobalAccountsClient(http, o));
        }

        if (options.RiskCases is { } risk)
        {
            Add(services, risk, (http, o) => new RiskCaseClient(http, o));
        }

        return services;
    }

    private static void Add<TClient, TOptions>(IServiceCollection services, TOptions options, Func<HttpClient, TOptions, TClient> create)
        where TClient : class
        where TOptions : PayHubClientOptions
    {
        services.AddSingleton(options);
        services.AddHttpClient<TClient>(http =>
        {
            if (options.BaseAddress is not null)
            {
                http.BaseAddress = options.BaseAddress;
            }
        }).AddTypedClient((http, provider) => create(http, provider.GetRequiredService<TOptions>()));
    }
}
