using System.Text;
using System.Text.Json.Nodes;

namespace PayHub.Tests.Mutation;

/// <summary>
/// The mutation operators of the campaign, each drawing from the campaign's seeded random source so a
/// run can be repeated exactly: on bytes (flipped, replaced, inserted, deleted, duplicated, truncated,
/// with the byte sequences that break charsets and parsers), on fields (removed, duplicated, overlong,
/// emptied, given strange text or another JSON type, renamed) and on headers (dropped, garbled).
/// </summary>
public static class Mutations
{
    /// <summary>Bytes that end runs, open markup, or are not valid in UTF-8 or GBK.</summary>
    private static readonly byte[] Interesting = [0x00, 0x0A, 0x0D, 0x22, 0x26, 0x27, 0x3C, 0x3E, 0x5C, 0x7B, 0x7D, 0x7F, 0x80, 0x81, 0xA0, 0xC0, 0xC3, 0xE0, 0xED, 0xEF, 0xF0, 0xF8, 0xFE, 0xFF];

    /// <summary>Byte sequences each a class of its own: overlong UTF-8, an encoded surrogate, private use, past U+10FFFF, GBK's user-defined area, a lone GBK lead byte, markup and escapes.</summary>
    private static readonly byte[][] Sequences =
    [
        [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xEE, 0x80, 0x80], [0xEF, 0xA3, 0xB5], [0xF4, 0x90, 0x80, 0x80], [0xFE, 0xFE], [0xAA, 0xA1], [0x81],
        [0xEF, 0xBB, 0xBF], .. new[] { "&#x0;", "&#xD800;", "&e;", "<!DOCTYPE x [<!ENTITY e 'e'>]>", "]]>", "<![CDATA[x]]>", "\\uD800", "\\u0000", "\"", "{", "[", "<", "</in>", "\u00e9" }.Select(Encoding.UTF8.GetBytes),
    ];

    /// <summary>Text that is unusual for a field: outside GBK, private use, control characters, markup, numbers at the edges.</summary>
    public static readonly string[] StrangeValues =
    [
        "😀", "\uE000", "\uF8F5", "张三", "\u0001", "\t", " ", "<x>", "&amp;", "a]]>b", "-1", "0", "00", "99999999999999999999", "1.5", "1e3", "null",
        "true", "NaN", "20240230", "2024-01-01", "١٢٣", "Ａ", "'; DROP TABLE x; --", "%00", "\u202E", "ﾟ", "𠀀",
    ];

    public static string MutateBytes(Random random, ref byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            bytes = [Interesting[random.Next(Interesting.Length)]];
            return "bytes:insert-into-empty";
        }

        var at = random.Next(bytes.Length);
        var list = bytes.ToList();
        switch (random.Next(6))
        {
            case 0:
                list[at] ^= (byte)(1 << random.Next(8));
                bytes = [.. list];
                return "bytes:flip-bit";
            case 1:
                list[at] = Interesting[random.Next(Interesting.Length)];
                bytes = [.. list];
                return "bytes:replace";
            case 2:
                list.InsertRange(at, Sequences[random.Next(Sequences.Length)]);
                bytes = [.. list];
                return "bytes:insert";
            case 3:
                list.RemoveRange(at, Math.Min(1 + random.Next(16), list.Count - at));
                bytes = [.. list];
                return "bytes:delete";
            case 4:
                var length = Math.Min(1 + random.Next(32), list.Count - at);
                list.InsertRange(at, list.GetRange(at, length));
                bytes = [.. list];
                return "bytes:duplicate";
            default:
                bytes = bytes[..at];
                return "bytes:truncate";
        }
    }

    /// <summary>Mutates an ordered list of text fields (an XML envelope's elements); returns what was done.</summary>
    public static string MutateFields(Random random, List<KeyValuePair<string, string>> fields)
    {
        if (fields.Count == 0)
        {
            fields.Add(new("extra", "1"));
            return "fields:add";
        }

        var at = random.Next(fields.Count);
        var (name, value) = fields[at];
        switch (random.Next(7))
        {
            case 0:
                fields.RemoveAt(at);
                return "fields:remove " + name;
            case 1:
                fields.Insert(at + 1, new(name, StrangeValues[random.Next(StrangeValues.Length)]));
                return "fields:duplicate " + name;
            case 2:
                fields[at] = new(name, new string(value.Length > 0 ? value[0] : 'x', 33 + random.Next(5000)));
                return "fields:overlong " + name;
            case 3:
                fields[at] = new(name, "");
                return "fields:empty " + name;
            case 4:
                fields[at] = new(name, StrangeValues[random.Next(StrangeValues.Length)]);
                return "fields:strange " + name;
            case 5:
                fields.Insert(random.Next(fields.Count + 1), new("x" + random.Next(100), StrangeValues[random.Next(StrangeValues.Length)]));
                return "fields:unknown";
            default:
                fields[at] = new(char.IsUpper(name[0]) ? char.ToLowerInvariant(name[0]) + name[1..] : char.ToUpperInvariant(name[0]) + name[1..], value);
                return "fields:rename " + name;
        }
    }

    /// <summary>Mutates a flat or nested JSON object: the field operations plus a value of another JSON type.</summary>
    public static string MutateJson(Random random, JsonObject body)
    {
        if (random.Next(4) > 0 || body.Count == 0)
        {
            var fields = body.Select(p => new KeyValuePair<string, string>(p.Key, p.Value?.ToString() ?? "")).ToList();
            var kinds = body.ToDictionary(p => p.Key, p => p.Value?.GetValueKind());
            var done = MutateFields(random, fields);
            body.Clear();
            foreach (var (name, value) in fields)
            {
                // Numbers stay numbers where they still read as one; the rest become strings.
                var node = kinds.GetValueOrDefault(name) == System.Text.Json.JsonValueKind.Number && long.TryParse(value, out var number) ? JsonValue.Create(number) : (JsonNode)JsonValue.Create(value);
                body[name] = node; // a duplicate name ends as one member: the JSON writer would refuse two
            }

            return done;
        }

        var at = body.ElementAt(random.Next(body.Count)).Key;
        JsonNode? other = random.Next(7) switch
        {
            0 => 12345,
            1 => -0.5,
            2 => true,
            3 => null,
            4 => new JsonArray("a", 1),
            5 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = 1 } },
            _ => new string('9', 1 + random.Next(40)),
        };
        body[at] = other;
        return "json:type " + at;
    }

    /// <summary>Drops or garbles one header of a request about to be sent.</summary>
    public static string MutateHeader(Random random, Dictionary<string, string> headers)
    {
        if (headers.Count == 0)
        {
            return "headers:none";
        }

        var name = headers.Keys.ElementAt(random.Next(headers.Count));
        switch (random.Next(4))
        {
            case 0:
                headers.Remove(name);
                return "headers:drop " + name;
            case 1:
                headers[name] = StrangeValues[random.Next(StrangeValues.Length)].Trim() is { Length: > 0 } s && s.All(c => c is > ' ' and < '\x7F') ? s : "garbled";
                return "headers:garble " + name;
            case 2:
                headers[name] = headers[name].ToLowerInvariant();
                return "headers:lower-case " + name;
            default:
                headers[name] = headers[name] + "x";
                return "headers:append " + name;
        }
    }
}
