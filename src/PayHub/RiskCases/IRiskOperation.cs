namespace PayHub.RiskCases;

/// <summary>One operation of the risk case interface, at <c>/risk/case/{Name}</c>.</summary>
public interface IRiskOperation
{
    /// <summary>The last part of its path and its name in the audit trail: <c>query</c>, <c>reply</c>.</summary>
    string Name { get; }

    Task<RiskAnswer> AnswerAsync(RiskCall call);
}
