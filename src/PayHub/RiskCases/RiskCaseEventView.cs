namespace PayHub.RiskCases;

public sealed record RiskCaseEventView
{
    public string At { get; init; } = "";

    public string Actor { get; init; } = "";

    public string Action { get; init; } = "";

    public string FromState { get; init; } = "";

    public string ToState { get; init; } = "";

    public string Note { get; init; } = "";
}
