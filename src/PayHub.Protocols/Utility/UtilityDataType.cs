namespace PayHub.Protocols.Utility;

/// <summary>The format of a (decrypted) utility payload, from the DataType header or the Content-Type.</summary>
public enum UtilityDataType
{
    Xml,
    Json,
}
