namespace PayHub.Sandbox;

/// <summary>The answer of <c>GET /admin/sandbox/triggers</c>: the rule every value follows, and each family's table.</summary>
public sealed record TriggersView(string Prefix, string Rule, IReadOnlyList<TriggerFamilyView> Families);

/// <summary>One family's triggers, where they go, and the codes a request's own content decides.</summary>
public sealed record TriggerFamilyView(string Family, string Carrier, IReadOnlyList<TriggerDefinition> Triggers, IReadOnlyList<ProvokedCode> Provoked);
