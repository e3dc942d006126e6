namespace PayHub.Protocols.Agreements;

/// <summary>
/// An ATSYH request: <c>&lt;ATSYH version="5.1.0.0"&gt;&lt;TransReq&gt;</c> with the public fields
/// (BankCode, TransType, CommandCode, TransSeqID, TransTime) and one <c>DetailRecord</c>.
/// </summary>
public sealed class AtsyhRequest
{
    public const string CurrentVersion = "5.1.0.0";

    public string Version { get; set; } = CurrentVersion;

    /// <summary>The public fields of <c>TransReq</c>, in wire order.</summary>
    public AtsyhFields Header { get; } = new();

    /// <summary>The fields of <c>TransParam/DetailRecord</c>, in wire order.</summary>
    public AtsyhFields Detail { get; } = new();

    public string? BankCode => Header.Get("BankCode");

    public string? TransType => Header.Get("TransType");

    public string? CommandCode => Header.Get("CommandCode");

    public string? TransSeqId => Header.Get("TransSeqID");

    public string? TransTime => Header.Get("TransTime");
}
