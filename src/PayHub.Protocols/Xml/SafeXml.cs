using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace PayHub.Protocols.Xml;

/// <summary>
/// XML as every family reads and writes it: readers that refuse DTDs and entity declarations and
/// resolve nothing, a nesting limit, the charset named by a body's declaration, and escaping of
/// values written by hand (characters XML 1.0 does not allow become <c>?</c>).
/// </summary>
public static partial class SafeXml
{
    /// <summary>The deepest nesting a body may have (SPEC.md "Common").</summary>
    public const int MaxDepth = BodyLimits.MaxNesting;

    public static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// A reader over an already decoded body: no DTD, no resolver, conformance checks on. XmlTextReader
    /// reads the string in place; XmlReader.Create over a StringReader would copy it through an 8 KB
    /// buffer on every request.
    /// </summary>
    public static XmlTextReader Reader(string text) => new(text, XmlNodeType.Document, null)
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        WhitespaceHandling = WhitespaceHandling.None,
        Normalization = true,
    };

    /// <summary>Appends a value escaped for element content (and for a quoted attribute when <paramref name="quotes"/>).</summary>
    public static void AppendEscaped(StringBuilder xml, string value, bool quotes = false)
    {
        // Most values need nothing: the runs between characters that do are appended whole.
        var rest = value.AsSpan();
        var special = quotes ? SpecialInAttributes : SpecialInContent;
        int at;
        while ((at = rest.IndexOfAny(special)) >= 0)
        {
            xml.Append(rest[..at]);
            var c = rest[at];
            xml.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => "?", // a control character or U+FFFE/U+FFFF: not allowed in XML 1.0
            });
            rest = rest[(at + 1)..];
        }

        xml.Append(rest);
    }

    /// <summary>What element content must not hold as it is: markup characters and what XML 1.0 does not allow (surrogates are kept).</summary>
    private static readonly System.Buffers.SearchValues<char> SpecialInContent = System.Buffers.SearchValues.Create(Specials(quotes: false));

    private static readonly System.Buffers.SearchValues<char> SpecialInAttributes = System.Buffers.SearchValues.Create(Specials(quotes: true));

    private static string Specials(bool quotes)
    {
        var chars = new StringBuilder("&<>");
        if (quotes)
        {
            chars.Append('"');
        }

        for (var c = '\0'; c < ' '; c++)
        {
            if (!XmlConvert.IsXmlChar(c))
            {
                chars.Append(c);
            }
        }

        return chars.Append('\uFFFE').Append('\uFFFF').ToString();
    }

    /// <summary>
    /// The parser's message about a body that is not well-formed, fit to put in an answer in any charset:
    /// the parser quotes the offending character, which may be one the answer's charset cannot carry (a
    /// private-use character in a GBK answer), so every character outside printable ASCII is named by
    /// its code point instead (<c>U+F8F5</c>).
    /// </summary>
    public static string Describe(XmlException exception)
    {
        var message = exception.Message;
        if (!message.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            return message;
        }

        var described = new StringBuilder(message.Length + 16);
        foreach (var rune in message.EnumerateRunes())
        {
            if (rune.Value is >= ' ' and <= '~')
            {
                described.Append((char)rune.Value);
            }
            else
            {
                described.Append("U+").Append(rune.Value.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return described.ToString();
    }

    /// <summary>The encoding named in the XML declaration, read as ASCII from the first bytes.</summary>
    public static string? DeclaredCharset(ReadOnlySpan<byte> body)
    {
        var head = body[..Math.Min(body.Length, 200)];
        if (head.StartsWith(Utf8Bom))
        {
            return "UTF-8";
        }

        var end = head.IndexOf("?>"u8);
        if (!head.TrimStart(" \t\r\n"u8).StartsWith("<?xml"u8) || end < 0)
        {
            return null;
        }

        var match = EncodingAttribute().Match(Encoding.ASCII.GetString(head[..end]));
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")]
    private static partial Regex EncodingAttribute();
}
