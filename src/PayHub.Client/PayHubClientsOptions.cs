using PayHub.Client.Agreements;
using PayHub.Client.GlobalAccounts;
using PayHub.Client.RiskCases;
using PayHub.Client.Utility;

namespace PayHub.Client;

/// <summary>The families a program talks to: each one set is registered as a typed client by <c>AddPayHubClients</c>.</summary>
public sealed class PayHubClientsOptions
{
    /// <summary>The utility interface, as a bank.</summary>
    public UtilityClientOptions? Utility { get; set; }

    /// <summary>The agreement gateway, as a front-end system.</summary>
    public AgreementClientOptions? Agreements { get; set; }

    /// <summary>The global account API, as an integrator.</summary>
    public GlobalAccountsClientOptions? GlobalAccounts { get; set; }

    /// <summary>The risk-case interface, as a service provider.</summary>
    public RiskCaseClientOptions? RiskCases { get; set; }
}
