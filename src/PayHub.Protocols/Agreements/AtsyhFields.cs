namespace PayHub.Protocols.Agreements;

/// <summary>
/// The fields of one ATSYH element (the header of <c>TransReq</c>/<c>TransResp</c>, or a
/// <c>DetailRecord</c>), in wire order. A field named twice keeps its first value.
/// </summary>
public sealed class AtsyhFields
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public IReadOnlyList<KeyValuePair<string, string>> All => _fields;

    /// <summary>The value, or null when the field is absent. An empty element is an empty string.</summary>
    public string? Get(string name)
    {
        foreach (var (key, value) in _fields)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The value, or null when the field is absent or empty: what "required" and "optional" mean on this wire.</summary>
    public string? Value(string name) => Get(name) is { Length: > 0 } value ? value : null;

    /// <summary>Sets a field, replacing its value in place or adding it at the end.</summary>
    public AtsyhFields Set(string name, string value)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            if (_fields[i].Key == name)
            {
                _fields[i] = new(name, value);
                return this;
            }
        }

        _fields.Add(new(name, value));
        return this;
    }

    /// <summary>Adds a field read from the wire; false when it was there already (the first value stays).</summary>
    internal bool TryAdd(string name, string value)
    {
        if (Get(name) is not null)
        {
            return false;
        }

        _fields.Add(new(name, value));
        return true;
    }
}
