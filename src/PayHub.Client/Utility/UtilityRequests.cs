namespace PayHub.Client.Utility;

/// <summary>
/// What every utility request may set beside its operation's fields: its sequence number and date. Left null, the
/// client draws a new TranSeq and dates the request today (China time). Set them to repeat a request: the same
/// TranSeq with the same content answers the first answer again, with other content <c>DEF0004</c>.
/// </summary>
public abstract record UtilityRequest
{
    private protected UtilityRequest()
    {
    }

    /// <summary>1 to 32 letters or digits, unique per institution and TranDate; null: a new one.</summary>
    public string? TranSeq { get; init; }

    /// <summary>yyyyMMdd; null: today in China.</summary>
    public string? TranDate { get; init; }

    internal abstract string TranCode { get; }

    internal abstract IEnumerable<KeyValuePair<string, string?>> OperationFields();
}

/// <summary>CustomerCheck (the seed): a customer's details and payment totals, by billKey (queryType 0) or contractNo (1).</summary>
public sealed record CustomerCheckRequest : UtilityRequest
{
    /// <summary>The company the customer is a customer of.</summary>
    public required string CompanyId { get; init; }

    /// <summary><c>0</c> by billKey (the default), <c>1</c> by contractNo.</summary>
    public string QueryType { get; init; } = "0";

    /// <summary>The customer's account number at the company; required with queryType 0.</summary>
    public string? BillKey { get; init; }

    /// <summary>The contract number; required with queryType 1, checked against the customer with 0.</summary>
    public string? ContractNo { get; init; }

    internal override string TranCode => "CustomerCheck";

    internal override IEnumerable<KeyValuePair<string, string?>> OperationFields() =>
        [new("companyId", CompanyId), new("queryType", QueryType), new("billKey", BillKey), new("contractNo", ContractNo)];
}

/// <summary>Query: the outstanding bills of a billKey.</summary>
public sealed record BillQueryRequest : UtilityRequest
{
    /// <summary>The company.</summary>
    public required string CompanyId { get; init; }

    /// <summary>The customer's account number at the company.</summary>
    public required string BillKey { get; init; }

    internal override string TranCode => "Query";

    internal override IEnumerable<KeyValuePair<string, string?>> OperationFields() => [new("companyId", CompanyId), new("billKey", BillKey)];
}

/// <summary>Pay: pays every outstanding bill of a billKey; the amount must be what Query says is owed.</summary>
public sealed record PaymentRequest : UtilityRequest
{
    /// <summary>The company.</summary>
    public required string CompanyId { get; init; }

    /// <summary>The customer's account number at the company.</summary>
    public required string BillKey { get; init; }

    /// <summary>The amount in fen.</summary>
    public required long Amount { get; init; }

    /// <summary>The bank's channel (up to 16 letters, digits, <c>-</c>, <c>_</c>); null: the server's default (<c>bank</c>).</summary>
    public string? Channel { get; init; }

    internal override string TranCode => "Pay";

    internal override IEnumerable<KeyValuePair<string, string?>> OperationFields() =>
        [new("companyId", CompanyId), new("billKey", BillKey), new("amount", Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("channel", Channel)];
}

/// <summary>PayInvalid: reverses one of this institution's payments of the same day, named by its TranDate and TranSeq.</summary>
public sealed record ReversalRequest : UtilityRequest
{
    /// <summary>The payment's TranDate.</summary>
    public required string OrigTranDate { get; init; }

    /// <summary>The payment's TranSeq.</summary>
    public required string OrigTranSeq { get; init; }

    internal override string TranCode => "PayInvalid";

    internal override IEnumerable<KeyValuePair<string, string?>> OperationFields() => [new("origTranDate", OrigTranDate), new("origTranSeq", OrigTranSeq)];
}

/// <summary>PayCheck: the reconciliation file of a day.</summary>
public sealed record ReconciliationRequest : UtilityRequest
{
    /// <summary>yyyyMMdd; null: the request's TranDate.</summary>
    public string? CheckDate { get; init; }

    internal override string TranCode => "PayCheck";

    internal override IEnumerable<KeyValuePair<string, string?>> OperationFields() => [new("checkDate", CheckDate)];
}
