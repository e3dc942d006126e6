using System.Text;
using System.Xml;
using PayHub.Protocols.Xml;

namespace PayHub.Protocols.Agreements;

/// <summary>
/// The ATSYH XML of the agreement gateway. Bodies are UTF-8 unless their declaration names another
/// charset (GBK and GB18030 accepted); DTDs and entity declarations are refused and nesting is
/// limited. Answers are written in the request's charset, with a declaration only when the request
/// had one in a charset other than UTF-8, so a plain UTF-8 answer looks exactly like the seed's example.
/// </summary>
public static class AtsyhCodec
{
    public const int MaxDepth = SafeXml.MaxDepth;

    public static AtsyhReadResult<AtsyhRequest> ReadRequest(ReadOnlySpan<byte> body)
    {
        var request = new AtsyhRequest();
        var result = Read(body, "TransReq", request.Header, request.Detail, version => request.Version = version);
        return result.Problem is null ? result with { Message = request } : result with { Message = null };
    }

    public static AtsyhReadResult<AtsyhResponse> ReadResponse(ReadOnlySpan<byte> body)
    {
        var response = new AtsyhResponse();
        var result = Read(body, "TransResp", response.Header, response.Detail, null);
        return new AtsyhReadResult<AtsyhResponse>(result.Problem is null ? response : null, result.Problem, result.Encoding, result.DeclaredCharset);
    }

    public static byte[] WriteRequest(AtsyhRequest request)
    {
        var xml = new StringBuilder(1024);
        xml.Append("<ATSYH version=\"");
        SafeXml.AppendEscaped(xml, request.Version, quotes: true);
        xml.Append("\">\n<TransReq>");
        AppendFields(xml, request.Header, "\n");
        xml.Append("\n<TransParam>\n<DetailRecord>");
        AppendFields(xml, request.Detail, "\n");
        xml.Append("\n</DetailRecord>\n</TransParam>\n</TransReq>\n</ATSYH>");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    /// <summary>Writes a response in <paramref name="encoding"/>, with a declaration when <paramref name="declaredCharset"/> is given.</summary>
    public static byte[] WriteResponse(AtsyhResponse response, Encoding? encoding = null, string? declaredCharset = null)
    {
        var xml = new StringBuilder(1024);
        if (declaredCharset is not null)
        {
            xml.Append("<?xml version=\"1.0\" encoding=\"").Append(declaredCharset).Append("\"?>\n");
        }

        xml.Append("<ATSYH>\n<TransResp>");
        AppendFields(xml, response.Header, "\n");
        xml.Append("\n<TransParam>\n<DetailRecord>");
        AppendFields(xml, response.Detail, "\n");
        xml.Append("\n</DetailRecord>\n</TransParam>\n</TransResp>\n</ATSYH>");
        return XmlCharsets.GetBytes(encoding ?? XmlCharsets.Utf8, xml.ToString());
    }

    private static AtsyhReadResult<AtsyhRequest> Read(ReadOnlySpan<byte> body, string transElement, AtsyhFields header, AtsyhFields detail, Action<string>? onVersion)
    {
        var label = SafeXml.DeclaredCharset(body) ?? "UTF-8";
        if (!XmlCharsets.TryGet(label, out var encoding, out var declared))
        {
            return new(null, $"charset {label} is not accepted (UTF-8, GBK, GB18030)", XmlCharsets.Utf8, null);
        }

        var declaredCharset = declared == "UTF-8" ? null : declared;
        if (declared == "UTF-8" && body.StartsWith(SafeXml.Utf8Bom))
        {
            body = body[3..];
        }

        string text;
        try
        {
            text = XmlCharsets.GetString(encoding, body);
        }
        catch (DecoderFallbackException)
        {
            return new(null, $"bytes not valid in {declared}", encoding, declaredCharset);
        }

        try
        {
            var problem = ReadElements(text, transElement, header, detail, onVersion);
            return new(null, problem, encoding, declaredCharset);
        }
        catch (XmlException e)
        {
            return new(null, "not well-formed XML: " + SafeXml.Describe(e), encoding, declaredCharset);
        }
    }

    /// <summary>
    /// Reads <c>ATSYH/{trans}/field</c> into <paramref name="header"/> and
    /// <c>ATSYH/{trans}/TransParam/DetailRecord/field</c> into <paramref name="detail"/>; null when
    /// the shape is right, else what is wrong. Other elements are ignored.
    /// </summary>
    private static string? ReadElements(string text, string transElement, AtsyhFields header, AtsyhFields detail, Action<string>? onVersion)
    {
        using var reader = SafeXml.Reader(text);
        if (reader.MoveToContent() != XmlNodeType.Element || reader.Name != "ATSYH")
        {
            return "root element must be <ATSYH>";
        }

        if (onVersion is not null && reader.GetAttribute("version") is { } version)
        {
            onVersion(version);
        }

        var path = new string[MaxDepth + 2];
        var sawTrans = false;
        var sawDetail = false;
        string? field = null;
        var value = new StringBuilder();
        List<string>? repeated = null;
        while (reader.Read())
        {
            if (reader.Depth > MaxDepth)
            {
                return $"nesting deeper than {MaxDepth}";
            }

            switch (reader.NodeType)
            {
                case XmlNodeType.Element when field is not null:
                    return $"{field}: must hold text, not elements";
                case XmlNodeType.Element:
                    path[reader.Depth] = reader.Name;
                    var target = TargetOf(path, reader.Depth, transElement, header, detail);
                    sawTrans |= reader.Depth == 1 && reader.Name == transElement;
                    sawDetail |= reader.Depth == 3 && reader.Name == "DetailRecord" && path[1] == transElement && path[2] == "TransParam";
                    if (target is null)
                    {
                        break;
                    }

                    if (reader.IsEmptyElement)
                    {
                        Add(target, reader.Name, "", ref repeated);
                    }
                    else
                    {
                        field = reader.Name;
                        value.Clear();
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace when field is not null:
                    value.Append(reader.Value);
                    break;
                case XmlNodeType.EndElement when field is not null && reader.Name == field:
                    Add(TargetOf(path, reader.Depth, transElement, header, detail)!, field, value.ToString().Trim(), ref repeated);
                    field = null;
                    break;
            }
        }

        if (!sawTrans)
        {
            return $"<{transElement}> missing";
        }

        if (!sawDetail && transElement == "TransReq")
        {
            return "<TransParam><DetailRecord> missing";
        }

        return repeated is null ? null : string.Join("; ", repeated.Select(name => name + ": given more than once"));
    }

    private static AtsyhFields? TargetOf(string[] path, int depth, string transElement, AtsyhFields header, AtsyhFields detail)
    {
        if (depth == 2 && path[1] == transElement && path[2] != "TransParam")
        {
            return header;
        }

        return depth == 4 && path[1] == transElement && path[2] == "TransParam" && path[3] == "DetailRecord" ? detail : null;
    }

    private static void Add(AtsyhFields target, string name, string value, ref List<string>? repeated)
    {
        if (!target.TryAdd(name, value))
        {
            (repeated ??= []).Add(name);
        }
    }

    private static void AppendFields(StringBuilder xml, AtsyhFields fields, string separator)
    {
        foreach (var (name, value) in fields.All)
        {
            xml.Append(separator).Append('<').Append(name).Append('>');
            SafeXml.AppendEscaped(xml, value, quotes: true);
            xml.Append("</").Append(name).Append('>');
        }
    }
}
