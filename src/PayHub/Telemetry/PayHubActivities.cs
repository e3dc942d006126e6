using System.Diagnostics;

namespace PayHub.Telemetry;

/// <summary>
/// The sources of PayHub's spans: one per family (a span per exchange), and the storage's (a span per group-commit
/// batch, linked with the requests it carried), the channels' (a span per channel call, whose HTTP call carries the
/// <c>traceparent</c>) and the push sender's (a span per delivery). A span is made only when a listener (the
/// OpenTelemetry SDK, when traces are exported) asks, so untraced requests pay for nothing.
/// </summary>
public static class PayHubActivities
{
    public const string Prefix = "PayHub.";

    public static readonly ActivitySource Utility = new(Prefix + "Utility");
    public static readonly ActivitySource Agreements = new(Prefix + "Agreements");
    public static readonly ActivitySource GlobalAccounts = new(Prefix + "GlobalAccounts");
    public static readonly ActivitySource RiskCases = new(Prefix + "RiskCases");
    public static readonly ActivitySource Storage = new(Prefix + "Storage");
    public static readonly ActivitySource Channels = new(Prefix + "Channels");
    public static readonly ActivitySource Push = new(Prefix + "Push");
    public static readonly ActivitySource Other = new(Prefix + "Exchanges");

    /// <summary>Every source, for the SDK to listen to.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [Utility.Name, Agreements.Name, GlobalAccounts.Name, RiskCases.Name, Storage.Name, Channels.Name, Push.Name, Other.Name];

    /// <summary>The source of a family's exchanges (<c>utility</c>, <c>dsp</c>, <c>global</c>, <c>risk</c>).</summary>
    public static ActivitySource OfFamily(string family) => family switch
    {
        "utility" => Utility,
        "dsp" => Agreements,
        "global" => GlobalAccounts,
        "risk" => RiskCases,
        _ => Other,
    };
}
