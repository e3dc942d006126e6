using System.Text;
using System.Text.RegularExpressions;

namespace PayHub.Audit;

/// <summary>
/// The fields of a family's request body that hold credentials (a sign, an SMS code, an OAuth code or token), and
/// the masking of their values in bytes as received — JSON string members and XML elements of those names — so that
/// no kept copy of a request holds one or can be replayed, whether or not the body could be parsed. Every other byte
/// stays as it was (the bytes are read as Latin-1, one character per byte, and written back the same way).
/// </summary>
public sealed class CredentialFields
{
    private readonly Regex? _values;

    public CredentialFields(params string[] names)
    {
        Names = names;
        if (names.Length > 0)
        {
            var any = string.Join('|', names.Select(Regex.Escape));
            _values = new Regex(
                $"""(?<="(?:{any})"\s*:\s*")(?:[^"\\]|\\.)*(?=")|(?<=<(?:{any})>)[^<]*(?=</(?:{any})>)""",
                RegexOptions.CultureInvariant | RegexOptions.Compiled,
                TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>No field of the body is a credential (a family whose credentials travel in headers).</summary>
    public static CredentialFields None { get; } = new();

    public IReadOnlyList<string> Names { get; }

    /// <summary>The bytes with each credential field's value as <c>***</c>.</summary>
    public byte[] Scrub(byte[] bytes)
    {
        if (_values is null)
        {
            return bytes;
        }

        var text = Encoding.Latin1.GetString(bytes);
        var scrubbed = _values.Replace(text, "***");
        return ReferenceEquals(scrubbed, text) || scrubbed == text ? bytes : Encoding.Latin1.GetBytes(scrubbed);
    }
}
