namespace PayHub.Utility;

public sealed record CompanyView
{
    public string CompanyId { get; init; } = "";

    public string Name { get; init; } = "";
}
