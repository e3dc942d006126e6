namespace PayHub.Protocols.Utility;

/// <summary>
/// One utility message: a root (<c>in</c> for requests, <c>out</c> for responses) and its flat
/// fields in wire order. An empty value counts as absent when read with <see cref="Get"/>.
/// </summary>
public sealed class UtilityMessage
{
    public const string RequestRoot = "in";
    public const string ResponseRoot = "out";

    // A message has a few dozen fields at most: a list searched in order beats a dictionary's allocations.
    private readonly List<KeyValuePair<string, string>> _fields = new(24);

    public UtilityMessage(string root) => Root = root;

    public string Root { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>The field's value, or null when it is absent or empty.</summary>
    public string? Get(string name)
    {
        var i = IndexOf(name);
        return i >= 0 && _fields[i].Value.Length > 0 ? _fields[i].Value : null;
    }

    /// <summary>Sets a field; a name seen again keeps its first position and takes the new value.</summary>
    public UtilityMessage Set(string name, string? value)
    {
        var pair = new KeyValuePair<string, string>(name, value ?? "");
        var i = IndexOf(name);
        if (i >= 0)
        {
            _fields[i] = pair;
        }
        else
        {
            _fields.Add(pair);
        }

        return this;
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            if (string.Equals(_fields[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
