using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PayHub.Hosting;

namespace PayHub.Telemetry;

/// <summary>
/// Plugs PayHub's meter and sources into the OpenTelemetry .NET SDK, with ASP.NET Core's, HttpClient's and the
/// runtime's instrumentation, and the exporters the settings ask for (<see cref="TelemetryOptions"/>): nothing is
/// collected when none is asked for.
/// </summary>
public static class TelemetrySetup
{
    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        var options = TelemetryOptions.From(builder.Configuration);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<OperationalGauges>();
        if (!options.MetricsOn && !options.TracesOn)
        {
            return;
        }

        var node = builder.Configuration["PayHub:NodeName"] is { Length: > 0 } name ? name : $"{Environment.MachineName}-{Environment.ProcessId}";
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("payhub", serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString(), serviceInstanceId: node));
        if (options.MetricsOn)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(PayHubMeter.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                if (options.PrometheusOnAdmin)
                {
                    metrics.AddPrometheusExporter();
                }
                else if (options.PrometheusListener)
                {
                    metrics.AddPrometheusHttpListener(listener => (listener.Host, listener.Port) = (options.PrometheusHost, options.PrometheusPort));
                }

                if (options.OtlpEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter(otlp => Configure(otlp, endpoint, options.OtlpProtocol));
                }
            });
        }

        if (options.TracesOn)
        {
            builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
            builder.Logging.AddSimpleConsole(console => console.IncludeScopes = true);
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource([.. PayHubActivities.Names])
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.SampleRatio)));
                if (options.OtlpEndpoint is { } endpoint)
                {
                    tracing.AddOtlpExporter(otlp => Configure(otlp, endpoint, options.OtlpProtocol));
                }
            });
        }
    }

    /// <summary>The scrape endpoint on the service's port, when so configured; the admin token guards it (<c>UseAdminAuthentication</c>).</summary>
    public static void MapMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<TelemetryOptions>();
        if (options.MetricsOn)
        {
            app.Services.GetRequiredService<OperationalGauges>();
        }

        if (options.PrometheusOnAdmin)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath);
        }
    }

    public const string MetricsPath = "/metrics";

    private static void Configure(OtlpExporterOptions otlp, string endpoint, string protocol)
    {
        otlp.Endpoint = new Uri(endpoint);
        otlp.Protocol = protocol.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
    }
}
