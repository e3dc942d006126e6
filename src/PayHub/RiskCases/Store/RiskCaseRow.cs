using System.Data.Common;
using System.Text.Json;

namespace PayHub.RiskCases;

/// <summary>
/// A case as the interface shows it: the seed's row fields in the order of its example, plus
/// <c>firstAgentName</c>. Built from the case, its merchant and its agents in one query.
/// </summary>
public sealed class RiskCaseRow
{
    /// <summary>The row's fields in the seed example's order, each with the SQL expression that gives it.</summary>
    private static readonly (string Field, string Sql)[] Fields =
    [
        ("legalPhone", "m.legal_phone"), ("mercCreateTime", "m.merc_create_time"), ("cardNo", "c.card_no"), ("surveyRemark", "c.survey_remark"),
        ("riskTypeRules", "c.risk_type_rules"), ("longitude", "c.longitude"), ("mercName", "m.merc_name"), ("mercNum", "c.merc_num"),
        ("riskTypeCaseDealWay", "c.risk_type_case_deal_way"), ("areaCode", "m.area_code"), ("referOrders", "c.refer_orders"), ("cityCode", "m.city_code"),
        ("latitude", "c.latitude"), ("remark", "c.remark"), ("agentNo", "c.agent_no"), ("typeNo", "c.type_no"), ("legalPerson", "m.legal_person"),
        ("flowNodeKey", "c.flow_node_key"), ("surveyWay", "c.survey_way"), ("provCode", "m.prov_code"), ("suggest", "c.suggest"), ("caseNo", "c.case_no"),
        ("createTime", "c.create_time"), ("caseDealWay", "c.case_deal_way"), ("auditStatus", "c.audit_status"), ("createWay", "c.create_way"),
        ("surveyResult", "c.survey_result"), ("termNo", "c.term_no"), ("firstAgentNo", "c.first_agent_no"), ("firstAgentName", "f.name"),
        ("agentName", "a.name"), ("surveyTime", "c.survey_time"), ("submitTime", "c.submit_time"), ("level", "a.level || '级服务商编号:' || c.agent_no"),
    ];

    /// <summary>SELECT … FROM the case, its merchant, its direct agent and its first agent; add a WHERE.</summary>
    public static readonly string Select =
        "SELECT " + string.Join(", ", Fields.Select(f => "COALESCE(" + f.Sql + ", '')")) +
        " FROM risk_cases c JOIN risk_merchants m ON m.merc_num = c.merc_num JOIN risk_agents a ON a.agent_no = c.agent_no" +
        " LEFT JOIN risk_agents f ON f.agent_no = c.first_agent_no ";

    private readonly string[] _values;

    private RiskCaseRow(string[] values) => _values = values;

    public string CaseNo => Get("caseNo");

    public string AuditStatus => Get("auditStatus");

    public string Get(string field) => _values[Array.FindIndex(Fields, f => f.Field == field)];

    /// <summary>A row from its values by field name (a missing field is "").</summary>
    public static RiskCaseRow Of(IReadOnlyDictionary<string, string> values) =>
        new(Fields.Select(f => values.GetValueOrDefault(f.Field, "")).ToArray());

    private static readonly JsonWriterOptions CompactJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The values as a JSON array in field order: what <c>risk_case_scope.row_values</c> keeps.</summary>
    public string ValuesJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, CompactJson))
        {
            json.WriteStartArray();
            foreach (var value in _values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>What goes before each value in the answer's object: <c>{"legalPhone":</c>, <c>,"mercCreateTime":</c>, … (the names are ASCII, nothing to escape).</summary>
    private static readonly byte[][] NameParts = [.. Fields.Select((f, i) => System.Text.Encoding.UTF8.GetBytes((i == 0 ? "{\"" : ",\"") + f.Field + "\":"))];

    private static readonly int NamePartsLength = NameParts.Sum(n => n.Length);

    /// <summary>
    /// Writes a kept values array (its UTF-8 bytes, as the database keeps them) as the answer's object, the field names
    /// added back in order: <c>["a","b",…]</c> becomes <c>{"legalPhone":"a","mercCreateTime":"b",…}</c>, written with one
    /// raw write. The values were escaped when the array was written (<see cref="ValuesJson"/>), so they are copied as
    /// they are; the array's strings are found by their closing quotes, a quote inside a value being always escaped. A
    /// stored array that is not such an array fails the answer (the family's system error) rather than be sent half.
    /// </summary>
    public static void WriteFromValues(Utf8JsonWriter json, ReadOnlySpan<byte> valuesJson)
    {
        var target = System.Buffers.ArrayPool<byte>.Shared.Rent(ObjectLengthAtMost(valuesJson.Length));
        try
        {
            json.WriteRawValue(target.AsSpan(0, ObjectFromValues(valuesJson, target)), skipInputValidation: true);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(target);
        }
    }

    /// <summary>The most bytes <see cref="WriteFromValues"/> writes for a values array of this many bytes.</summary>
    public static int ObjectLengthAtMost(int valuesLength) => valuesLength + NamePartsLength + 2;

    /// <summary>The object of <see cref="WriteFromValues"/> written into <paramref name="target"/>; returns its length.</summary>
    private static int ObjectFromValues(ReadOnlySpan<byte> values, Span<byte> target)
    {
        var written = 0;
        var at = 1; // after '['
        for (var i = 0; i < NameParts.Length && at < values.Length && values[at] == (byte)'"'; i++)
        {
            var end = ClosingQuote(values, at + 1);
            NameParts[i].CopyTo(target[written..]);
            written += NameParts[i].Length;
            values[at..(end + 1)].CopyTo(target[written..]);
            written += end + 1 - at;
            at = end + 1;
            if (at < values.Length && values[at] == (byte)',')
            {
                at++;
            }
        }

        if (values.Length < 2 || values[0] != (byte)'[' || at != values.Length - 1 || values[at] != (byte)']')
        {
            // The row's values are a merchant's personal data (phone, legal person, card number): the message, which the
            // system error's log line carries, says where the array broke, never what it holds.
            throw new FormatException($"risk_case_scope.row_values is not an array of strings ({values.Length} bytes, unreadable from byte {at})");
        }

        if (written == 0)
        {
            target[written++] = (byte)'{';
        }

        target[written++] = (byte)'}';
        return written;
    }

    /// <summary>Where the string whose first character is at <paramref name="from"/> ends: its unescaped closing quote.</summary>
    private static int ClosingQuote(ReadOnlySpan<byte> values, int from)
    {
        var at = from;
        while (true)
        {
            var next = at < values.Length ? values[at..].IndexOfAny((byte)'"', (byte)'\\') : -1;
            if (next < 0)
            {
                throw new FormatException("risk_case_scope.row_values has a string without its closing quote");
            }

            at += next;
            if (values[at] == (byte)'"')
            {
                return at;
            }

            at += 2; // an escape: the character after the backslash is part of it, a quote included
        }
    }

    public static RiskCaseRow Read(DbDataReader reader)
    {
        var values = new string[Fields.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.GetString(i);
        }

        return new RiskCaseRow(values);
    }

    /// <summary>The row's fields as JSON properties, in order (empty values as "").</summary>
    public void WriteFields(Utf8JsonWriter json)
    {
        for (var i = 0; i < Fields.Length; i++)
        {
            json.WriteString(Fields[i].Field, _values[i]);
        }
    }

    public IEnumerable<KeyValuePair<string, string>> All() => Fields.Select((f, i) => new KeyValuePair<string, string>(f.Field, _values[i]));
}
