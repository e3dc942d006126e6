namespace PayHub.Sandbox;

/// <summary>
/// One row of the triggers table: the value to send (<see cref="Value"/>, in the family's carrier field), what
/// it gives (an answer code, or <c>delay</c>, <c>drop</c>, <c>effect-then-drop</c>) and on which operations.
/// </summary>
public sealed record TriggerDefinition(string Value, string Gives, IReadOnlyList<string> Operations, string Note)
{
    /// <summary>The part after the prefix and separator that identifies the trigger (<c>DEF0005</c>, <c>DELAY</c>).</summary>
    internal string Token { get; init; } = "";

    internal TriggerKind Kind { get; init; }
}
