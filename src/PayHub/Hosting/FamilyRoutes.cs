namespace PayHub.Hosting;

/// <summary>A family's routes, registered with its services (<c>Add…Family()</c>) and mapped by <see cref="PayHubServer.MapPipeline"/>.</summary>
public sealed record FamilyRoutes(Action<IEndpointRouteBuilder> Map);
