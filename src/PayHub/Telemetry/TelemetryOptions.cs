namespace PayHub.Telemetry;

/// <summary>What PayHub exports of its metrics and traces (<c>PayHub:Metrics</c>, <c>PayHub:Otlp</c>, <c>PayHub:Tracing</c>).</summary>
public sealed class TelemetryOptions
{
    /// <summary>
    /// The Prometheus scrape endpoint: <c>off</c> (the default); <c>admin</c>, <c>/metrics</c> on the service's own port
    /// behind an admin token; or <c>listener</c>, <c>/metrics</c> on a listener of its own (<see cref="PrometheusHost"/>,
    /// <see cref="PrometheusPort"/>), to keep it off the callers' side of a firewall.
    /// </summary>
    public string Prometheus { get; set; } = "off";

    /// <summary>The own listener's host: <c>localhost</c> (the default), a name or address of this machine, or <c>+</c> for every one.</summary>
    public string PrometheusHost { get; set; } = "localhost";

    /// <summary>The own listener's port; 9464, the one Prometheus's exporters use, by default.</summary>
    public int PrometheusPort { get; set; } = 9464;

    /// <summary>An OTLP collector (<c>http://collector:4317</c>): metrics and traces are sent there. Unset: nothing is sent.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (the default, port 4317) or <c>http/protobuf</c> (port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Traces are made (and exported over OTLP when an endpoint is set); on whenever an OTLP endpoint is.</summary>
    public bool Tracing { get; set; }

    /// <summary>The share of traces started here that are kept (a caller's sampled <c>traceparent</c> is followed whatever it is).</summary>
    public double SampleRatio { get; set; } = 1.0;

    public bool PrometheusOnAdmin => Prometheus.Equals("admin", StringComparison.OrdinalIgnoreCase);

    public bool PrometheusListener => Prometheus.Equals("listener", StringComparison.OrdinalIgnoreCase);

    public bool MetricsOn => PrometheusOnAdmin || PrometheusListener || OtlpEndpoint is { Length: > 0 };

    public bool TracesOn => Tracing || OtlpEndpoint is { Length: > 0 };

    /// <summary>Reads the settings from configuration (at start, before the services exist).</summary>
    public static TelemetryOptions From(IConfiguration configuration)
    {
        var options = Read(configuration);
        return options.Prometheus.ToLowerInvariant() is "off" or "admin" or "listener"
            ? options
            : throw new Hosting.StartupProblem($"PayHub:Metrics:Prometheus is '{options.Prometheus}': off, admin (/metrics behind an admin token) or listener (a port of its own, PayHub:Metrics:PrometheusPort).");
    }

    private static TelemetryOptions Read(IConfiguration configuration) => new()
    {
        Prometheus = configuration["PayHub:Metrics:Prometheus"] ?? "off",
        PrometheusHost = configuration["PayHub:Metrics:PrometheusHost"] ?? "localhost",
        PrometheusPort = int.TryParse(configuration["PayHub:Metrics:PrometheusPort"], out var port) ? port : 9464,
        OtlpEndpoint = configuration["PayHub:Otlp:Endpoint"] is { Length: > 0 } endpoint ? endpoint : null,
        OtlpProtocol = configuration["PayHub:Otlp:Protocol"] ?? "grpc",
        Tracing = bool.TryParse(configuration["PayHub:Tracing:Enabled"], out var tracing) && tracing,
        SampleRatio = double.TryParse(configuration["PayHub:Tracing:SampleRatio"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ratio)
            ? Math.Clamp(ratio, 0, 1) : 1.0,
    };
}
