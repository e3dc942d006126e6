namespace PayHub.Client.RiskCases;

/// <summary>A service provider's (agent's) credentials at the risk-case interface.</summary>
public sealed class RiskCaseClientOptions : PayHubClientOptions
{
    /// <summary>The agent's accessid (demo: <c>4028805b6e86d179016e874f6c4200ad</c>).</summary>
    public string AccessId { get; set; } = "";

    /// <summary>Its MD5 sign secret (demo: <c>demo-risk-secret</c>); never sent, only appended to the string that is signed.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Whether requests carry a signed <c>timestamp</c> (epoch ms), which the server holds to 5 minutes; on by default.</summary>
    public bool SendTimestamp { get; set; } = true;

    /// <summary>The interface's path prefix; <c>/risk</c>.</summary>
    public string PathPrefix { get; set; } = "/risk";
}
