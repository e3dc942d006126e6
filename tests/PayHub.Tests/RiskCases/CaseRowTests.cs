using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PayHub.RiskCases;

namespace PayHub.Tests.RiskCases;

/// <summary>
/// A page's rows are written from the values array kept beside each case (<c>risk_case_scope.row_values</c>), the field
/// names spliced back in: the bytes must be those of the row written field by field with the answer's own JSON writer.
/// </summary>
public sealed class CaseRowTests
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData("plain", "ASCII")]
    [InlineData("商户 名称", "中文")]
    [InlineData("a \"quoted\" value", "\"")]
    [InlineData("a back\\slash", "\\")]
    [InlineData("\\\"", "ends in a backslash\\")]
    [InlineData("\",\"", "[\"not\",\"an\",\"array\"]")]
    [InlineData("line\nbreak\ttab\u0001control", "emoji 😀")]
    [InlineData("", "")]
    public void A_kept_row_is_written_as_the_row_written_field_by_field(string remark, string mercName)
    {
        var row = RiskCaseRow.Of(new Dictionary<string, string>
        {
            ["caseNo"] = "C0001", ["remark"] = remark, ["mercName"] = mercName, ["legalPhone"] = "138****0000", ["level"] = "1级服务商编号:A1",
        });

        var spliced = Written(json => RiskCaseRow.WriteFromValues(json, Encoding.UTF8.GetBytes(row.ValuesJson())));
        var fieldByField = Written(json =>
        {
            json.WriteStartObject();
            foreach (var (field, value) in row.All())
            {
                json.WriteString(field, value);
            }

            json.WriteEndObject();
        });

        Assert.Equal(Encoding.UTF8.GetString(fieldByField), Encoding.UTF8.GetString(spliced));
        using var parsed = JsonDocument.Parse(spliced);
        Assert.Equal(remark, parsed.RootElement.GetProperty("remark").GetString());
        Assert.Equal(mercName, parsed.RootElement.GetProperty("mercName").GetString());
    }

    [Fact]
    public void An_empty_array_is_an_empty_object() => Assert.Equal("{}", Encoding.UTF8.GetString(Written(json => RiskCaseRow.WriteFromValues(json, "[]"u8))));

    [Theory]
    [InlineData("")]
    [InlineData("[\"open")]
    [InlineData("[\"a\",\"b\"")]
    [InlineData("[\"a\" \"b\"]")]
    [InlineData("[1,2]")]
    [InlineData("{\"a\":\"b\"}")]
    [InlineData("[\"ends in an escape\\")]
    public void A_stored_value_that_is_not_an_array_of_strings_fails_instead_of_writing_half(string stored) =>
        Assert.Throws<FormatException>(() => Written(json => RiskCaseRow.WriteFromValues(json, Encoding.UTF8.GetBytes(stored))));

    [Fact]
    public void The_failure_names_no_value_of_the_row()
    {
        var failure = Assert.Throws<FormatException>(() => Written(json => RiskCaseRow.WriteFromValues(json, Encoding.UTF8.GetBytes("[\"13800138000\",\"张三\" \"6222020200112233\"]"))));

        Assert.DoesNotContain("13800138000", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("6222020200112233", failure.Message, StringComparison.Ordinal);
        Assert.Contains("row_values", failure.Message, StringComparison.Ordinal);
    }

    private static byte[] Written(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Relaxed))
        {
            write(json);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
