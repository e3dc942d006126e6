namespace PayHub.Protocols.Utility;

/// <summary>
/// One utility message: a root (<c>in</c> for requests, <c>out</c> for responses) and its flat
/// fields in wire order. An empty value counts as absent when read with <see cref="Get"/>.
/// </summary>
public sealed class UtilityMessage
{
    public const string RequestRoot = "in";
    public const string ResponseRoot = "out";

    private readonly List<KeyValuePair<string, string>> _fields = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public UtilityMessage(string root) => Root = root;

    public string Root { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>The field's value, or null when it is absent or empty.</summary>
    public string? Get(string name) =>
        _index.TryGetValue(name, out var i) && _fields[i].Value.Length > 0 ? _fields[i].Value : null;

    /// <summary>Sets a field; a name seen again keeps its first position and takes the new value.</summary>
    public UtilityMessage Set(string name, string? value)
    {
        var pair = new KeyValuePair<string, string>(name, value ?? "");
        if (_index.TryGetValue(name, out var i))
        {
            _fields[i] = pair;
        }
        else
        {
            _index[name] = _fields.Count;
            _fields.Add(pair);
        }

        return this;
    }
}
