namespace PayHub.Client.Agreements;

/// <summary>
/// One request to the agreement gateway: the channel (<see cref="BankCode"/>, <see cref="CommandCode"/>), the
/// caller's sequence number and the DetailRecord's fields in the seed's order. Null fields are left out.
/// </summary>
public sealed record AgreementRequest
{
    /// <summary>The channel the gateway routes to (demo: <c>ALIPAY01</c>, <c>GZELINK01</c>, <c>CMBC02</c>).</summary>
    public required string BankCode { get; init; }

    /// <summary>The channel's command (demo: <c>9108Auth</c>).</summary>
    public string CommandCode { get; init; } = "9108Auth";

    /// <summary>The caller's sequence number for this step: a repeat with the same content answers the same, other content EC905.</summary>
    public required string ReqSeqId { get; init; }

    /// <summary>The transmission's own number (a retry may carry a new one); null: a new one.</summary>
    public string? TransSeqId { get; init; }

    /// <summary>The payer's account.</summary>
    public string? PayAct { get; init; }

    /// <summary>The payer's name.</summary>
    public string? PayName { get; init; }

    /// <summary>The payer's bank code.</summary>
    public string? PayBankCode { get; init; }

    /// <summary>The payee's account.</summary>
    public string? RecAct { get; init; }

    /// <summary>The payee's name.</summary>
    public string? RecName { get; init; }

    /// <summary>The payee's bank code.</summary>
    public string? RecBankCode { get; init; }

    /// <summary>Yuan with two decimals, e.g. <c>667.00</c>.</summary>
    public string? PayAmount { get; init; }

    /// <summary>The payer's phone (11 digits starting 1): where the channel sends the code.</summary>
    public string? CellPhone { get; init; }

    /// <summary>yyyyMMdd.</summary>
    public string? DeadLine { get; init; }

    /// <summary>Yuan with two decimals.</summary>
    public string? SingleLimit { get; init; }

    /// <summary>The policy number, part of the agreement's key when given.</summary>
    public string? PolicyNo { get; init; }

    /// <summary>The agreement number, when known: finds the agreement by it.</summary>
    public string? AuthCode { get; init; }

    /// <summary>Any other DetailRecord field (CardType, IsPrivate, Memo, …), written after the ones above.</summary>
    public IReadOnlyDictionary<string, string>? OtherFields { get; init; }

    internal IEnumerable<KeyValuePair<string, string?>> DetailFields()
    {
        yield return new("ReqSeqID", ReqSeqId);
        yield return new("PayAct", PayAct);
        yield return new("PayName", PayName);
        yield return new("PayBankCode", PayBankCode);
        yield return new("RecAct", RecAct);
        yield return new("RecName", RecName);
        yield return new("RecBankCode", RecBankCode);
        yield return new("PayAmount", PayAmount);
        yield return new("CellPhone", CellPhone);
        yield return new("DeadLine", DeadLine);
        yield return new("SingleLimit", SingleLimit);
        yield return new("PolicyNo", PolicyNo);
        yield return new("AuthCode", AuthCode);
        foreach (var (name, value) in OtherFields ?? new Dictionary<string, string>())
        {
            yield return new(name, value);
        }
    }
}
