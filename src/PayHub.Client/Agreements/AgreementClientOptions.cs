namespace PayHub.Client.Agreements;

/// <summary>A front-end system's credentials at an agreement gateway.</summary>
public sealed class AgreementClientOptions : PayHubClientOptions
{
    /// <summary>The registered front-end id, sent as <c>X-DSP-Client</c> (demo: <c>demo-frontend</c>).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Its HMAC-SHA256 secret (demo: <c>demo-dsp-secret</c>); never sent, only signed with.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The gateway's path; <c>/dsp</c>.</summary>
    public string Path { get; set; } = "/dsp";
}
