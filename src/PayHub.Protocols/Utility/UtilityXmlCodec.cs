using System.Text;
using System.Xml;
using PayHub.Protocols.Xml;

namespace PayHub.Protocols.Utility;

/// <summary>
/// The GBK (or GB18030, UTF-8) XML form of a utility message: <c>&lt;in&gt;</c>/<c>&lt;out&gt;</c> with
/// one element per field. Reading prohibits DTDs and entity declarations and limits nesting.
/// </summary>
public static class UtilityXmlCodec
{
    public const int MaxDepth = SafeXml.MaxDepth;

    /// <summary>
    /// Reads a message. The charset comes from <paramref name="headerCharset"/> (Content-Type), else the
    /// XML declaration, else GBK; bytes that are not valid in it make the body unreadable.
    /// </summary>
    public static UtilityDecodeResult Read(ReadOnlySpan<byte> body, string? headerCharset, string expectedRoot)
    {
        var label = string.IsNullOrWhiteSpace(headerCharset) ? SafeXml.DeclaredCharset(body) ?? "GBK" : headerCharset;
        if (!XmlCharsets.TryGet(label, out var encoding, out var declared))
        {
            return UtilityDecodeResult.Fail($"charset {label} is not accepted (GBK, GB18030, UTF-8)", encoding, declared);
        }

        if (declared == "UTF-8" && body.StartsWith(SafeXml.Utf8Bom))
        {
            body = body[SafeXml.Utf8Bom.Length..];
        }

        string text;
        try
        {
            text = XmlCharsets.GetString(encoding, body);
        }
        catch (DecoderFallbackException)
        {
            return UtilityDecodeResult.Fail($"bytes not valid in {declared}", encoding, declared);
        }

        try
        {
            var message = ReadElements(text, expectedRoot, out var problem);
            return message is null
                ? UtilityDecodeResult.Fail(problem!, encoding, declared)
                : UtilityDecodeResult.Ok(message, encoding, declared);
        }
        catch (XmlException e)
        {
            return UtilityDecodeResult.Fail("not well-formed XML: " + SafeXml.Describe(e), encoding, declared);
        }
    }

    /// <summary>
    /// Writes the declaration and one element per field, a line each, empty fields as
    /// <c>&lt;x&gt;&lt;/x&gt;</c>, exactly the layout of the seed's examples. A message is one level
    /// of elements whose names are the protocol's own, so this writes them directly rather than
    /// through XmlWriter, whose per-call buffers (about 20 KB) doubled the cost of every answer;
    /// values are escaped here, and characters XML 1.0 does not allow become <c>?</c>.
    /// </summary>
    public static byte[] Write(UtilityMessage message, Encoding encoding, string declaredCharset)
    {
        var xml = t_text ??= new StringBuilder(2048);
        xml.Clear();
        xml.Append("<?xml version=\"1.0\" encoding=\"").Append(declaredCharset).Append("\"?>\n<").Append(message.Root).Append('>');
        var fields = message.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            var (name, value) = fields[i];
            xml.Append("\n<").Append(name).Append('>');
            SafeXml.AppendEscaped(xml, value);
            xml.Append("</").Append(name).Append('>');
        }

        xml.Append("\n</").Append(message.Root).Append('>');

        // An answer fits the builder's first block: encoded from it, without a string of it first.
        var chunks = xml.GetChunks();
        return chunks.MoveNext() && chunks.Current.Length == xml.Length
            ? XmlCharsets.GetBytes(encoding, chunks.Current.Span)
            : XmlCharsets.GetBytes(encoding, xml.ToString());
    }

    [ThreadStatic]
    private static StringBuilder? t_text;

    private static UtilityMessage? ReadElements(string text, string expectedRoot, out string? problem)
    {
        using var reader = SafeXml.Reader(text);
        if (reader.MoveToContent() != XmlNodeType.Element || reader.Name != expectedRoot)
        {
            problem = $"root element must be <{expectedRoot}>";
            return null;
        }

        var message = new UtilityMessage(expectedRoot);
        if (reader.IsEmptyElement)
        {
            problem = null;
            return message;
        }

        string? field = null;
        var value = new StringBuilder();
        while (reader.Read())
        {
            if (reader.Depth > MaxDepth)
            {
                problem = $"nesting deeper than {MaxDepth}";
                return null;
            }

            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.Depth == 1:
                    if (reader.IsEmptyElement)
                    {
                        message.Set(reader.Name, "");
                    }
                    else
                    {
                        field = reader.Name;
                        value.Clear();
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace when reader.Depth == 2 && field is not null:
                    value.Append(reader.Value);
                    break;
                case XmlNodeType.EndElement when reader.Depth == 1 && field is not null:
                    message.Set(field, value.ToString().Trim());
                    field = null;
                    break;
            }
        }

        problem = null;
        return message;
    }
}
