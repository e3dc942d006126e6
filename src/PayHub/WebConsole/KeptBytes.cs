using System.Text;
using PayHub.Protocols.Xml;

namespace PayHub.WebConsole;

/// <summary>
/// Bytes the journal kept (a request as received, an answer as sent) as text for a person, in the charset the family's
/// gateway reads them in: the one the XML declaration names, else the family's default (GBK for the utility, UTF-8
/// for the others). A byte that is not valid in it shows as U+FFFD instead of failing the page.
/// </summary>
public static class KeptBytes
{
    /// <summary>The text, and the charset's name as the declaration gives it (<c>UTF-8</c>, <c>GBK</c>, <c>GB18030</c>).</summary>
    public static (string Text, string Charset) Decode(string family, string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        var (encoding, charset) = CharsetOf(family, bytes);
        return (Encoding.GetEncoding(encoding.CodePage).GetString(bytes), charset);
    }

    /// <summary>The charset of a body of the family: declared in its XML, else the family's default.</summary>
    public static (Encoding Encoding, string Name) CharsetOf(string family, ReadOnlySpan<byte> body) =>
        SafeXml.DeclaredCharset(body) is { } label && XmlCharsets.TryGet(label, out var declared, out var name)
            ? (declared, name)
            : family == "utility" ? (XmlCharsets.Gbk, "GBK") : (XmlCharsets.Utf8, "UTF-8");
}
