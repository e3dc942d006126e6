namespace PayHub.Protocols.Agreements;

/// <summary>The gateway's TransTypes and steps.</summary>
public static class TransType
{
    public const string Contract = "Contract";
    public const string DeContract = "DeContract";
    public const string QryContract = "QryContract";

    public const string Apply = "01";
    public const string Confirm = "02";

    public static bool IsKnown(string? transType) => transType is Contract or DeContract or QryContract;
}
