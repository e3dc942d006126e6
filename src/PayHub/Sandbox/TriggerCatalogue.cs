namespace PayHub.Sandbox;

/// <summary>
/// A family's sandbox triggers: values a client puts in one field of an ordinary, correctly signed request
/// (<see cref="Carrier"/>) to get a chosen answer code, a delayed answer, no answer, or the effect without an
/// answer; and the codes no trigger gives, with how to provoke each. Every value starts with
/// <see cref="Prefix"/>, then optionally <c>_</c> or <c>-</c>, then the trigger's word; anything may follow,
/// to keep sequence numbers unique. Only a sandbox reads them: anywhere else they are ordinary data.
/// </summary>
public sealed class TriggerCatalogue
{
    public const string Prefix = "SANDBOX";

    /// <summary>The longest delay a trigger asks for; a larger number waits this long.</summary>
    public const int MaxDelaySeconds = 30;

    private readonly TriggerDefinition[] _byTokenLength;

    /// <param name="family">The family as the audit trail names it.</param>
    /// <param name="carrier">Where the value goes, as the docs say it.</param>
    /// <param name="separator">What the listed values put after <see cref="Prefix"/> (none where the field takes only letters and digits).</param>
    /// <param name="operations">Every operation, as the audit trail names it.</param>
    /// <param name="effectOperations">The operations with an effect, for the effect-then-drop trigger.</param>
    /// <param name="answers">Each code a trigger gives, the operations it applies to, and a note.</param>
    /// <param name="provoked">Every other code of the family, with how a request gets it.</param>
    public TriggerCatalogue(
        string family,
        string carrier,
        string separator,
        IReadOnlyList<string> operations,
        IReadOnlyList<string> effectOperations,
        IEnumerable<(string Code, IReadOnlyList<string> Operations, string Note)> answers,
        IEnumerable<ProvokedCode> provoked)
    {
        Family = family;
        Carrier = carrier;
        var start = Prefix + separator;
        List<TriggerDefinition> triggers =
        [
            .. answers.Select(a => new TriggerDefinition(start + a.Code, a.Code, a.Operations, a.Note) { Token = a.Code, Kind = TriggerKind.Answer }),
            new(start + "DELAY05", "delay", operations, $"answered as usual, 05 seconds later (two digits, 00 to {MaxDelaySeconds}); the wait holds no thread")
            {
                Token = "DELAY", Kind = TriggerKind.Delay,
            },
            new(start + "DROP", "drop", operations, "nothing is done; the connection is closed without an answer") { Token = "DROP", Kind = TriggerKind.Drop },
        ];
        if (effectOperations.Count > 0)
        {
            triggers.Add(new(start + "EFFECTDROP", "effect-then-drop", effectOperations,
                "the effect is made as usual, then the connection is closed without an answer; a retry finds the effect made once")
            {
                Token = "EFFECTDROP", Kind = TriggerKind.EffectThenDrop,
            });
        }

        Triggers = triggers;
        Provoked = [.. provoked];
        _byTokenLength = [.. triggers.OrderByDescending(t => t.Token.Length)];
    }

    public string Family { get; }

    public string Carrier { get; }

    public IReadOnlyList<TriggerDefinition> Triggers { get; }

    public IReadOnlyList<ProvokedCode> Provoked { get; }

    /// <summary>The trigger a value asks for on an operation; null when it is not one (or not one of that operation).</summary>
    public SandboxTrigger? Match(string operation, string value)
    {
        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = value.AsSpan(Prefix.Length);
        if (rest.Length > 0 && rest[0] is '_' or '-')
        {
            rest = rest[1..];
        }

        foreach (var trigger in _byTokenLength)
        {
            if (!rest.StartsWith(trigger.Token, StringComparison.Ordinal) || !trigger.Operations.Contains(operation))
            {
                continue;
            }

            var seconds = 0;
            if (trigger.Kind == TriggerKind.Delay)
            {
                var digits = rest[trigger.Token.Length..];
                if (digits.Length < 2 || !char.IsAsciiDigit(digits[0]) || !char.IsAsciiDigit(digits[1]))
                {
                    return null;
                }

                seconds = Math.Min(MaxDelaySeconds, ((digits[0] - '0') * 10) + (digits[1] - '0'));
            }

            return new SandboxTrigger(value, trigger.Kind, trigger.Kind == TriggerKind.Answer ? trigger.Gives : null, seconds);
        }

        return null;
    }
}
