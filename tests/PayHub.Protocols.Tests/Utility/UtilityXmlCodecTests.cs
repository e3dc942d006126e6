using System.Text;
using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;

namespace PayHub.Protocols.Tests.Utility;

public class UtilityXmlCodecTests
{
    private const string Request = """
        <?xml version="1.0" encoding="GBK"?>
        <in>
        <Version>1.0.1</Version>
        <InstId>00001</InstId>
        <TranCode>CustomerCheck</TranCode>
        <customerName>张三</customerName>
        <filed1></filed1>
        <filed2/>
        </in>
        """;

    [Fact]
    public void Reads_GBK_fields_in_order_with_empty_elements_as_absent()
    {
        var result = UtilityXmlCodec.Read(XmlCharsets.Gbk.GetBytes(Request), null, "in");

        Assert.Null(result.Problem);
        Assert.Equal("GBK", result.DeclaredCharset);
        var message = result.Message!;
        Assert.Equal(["Version", "InstId", "TranCode", "customerName", "filed1", "filed2"], message.Fields.Select(f => f.Key));
        Assert.Equal("张三", message.Get("customerName"));
        Assert.Null(message.Get("filed1"));
        Assert.Null(message.Get("filed2"));
    }

    [Fact]
    public void The_Content_Type_charset_wins_over_the_declaration()
    {
        var utf8 = Encoding.UTF8.GetBytes(Request);

        var result = UtilityXmlCodec.Read(utf8, "UTF-8", "in");

        Assert.Equal("张三", result.Message!.Get("customerName"));
        Assert.Equal("UTF-8", result.DeclaredCharset);
    }

    [Fact]
    public void GB18030_is_accepted()
    {
        var body = XmlCharsets.Gb18030.GetBytes(Request.Replace("GBK", "GB18030"));
        Assert.Equal("张三", UtilityXmlCodec.Read(body, null, "in").Message!.Get("customerName"));
    }

    [Theory]
    [InlineData("ISO-8859-1")]
    [InlineData("Shift_JIS")]
    public void Other_charsets_are_refused_and_answered_in_GBK(string charset)
    {
        var result = UtilityXmlCodec.Read(Encoding.UTF8.GetBytes(Request), charset, "in");

        Assert.Null(result.Message);
        Assert.Contains(charset, result.Problem);
        Assert.Equal("GBK", result.DeclaredCharset);
    }

    [Fact]
    public void Bytes_that_are_not_GBK_are_refused()
    {
        byte[] body = [.. Encoding.ASCII.GetBytes("<in><a>"), 0x81, 0x20, .. Encoding.ASCII.GetBytes("</a></in>")];
        Assert.Contains("not valid in GBK", UtilityXmlCodec.Read(body, null, "in").Problem);
    }

    [Fact]
    public void UTF8_declared_body_with_invalid_UTF8_is_refused()
    {
        byte[] body = [.. Encoding.ASCII.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><in><a>"), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("</a></in>")];
        Assert.NotNull(UtilityXmlCodec.Read(body, null, "in").Problem);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE in [<!ELEMENT in ANY>]><in><a>1</a></in>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE in [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><in><a>&x;</a></in>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE in [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><in><a>&b;</a></in>")]
    [InlineData("<in><a>1</a>")]
    [InlineData("<in><a>&#1;</a></in>")]
    [InlineData("<in><a>1</a></in><in/>")]
    [InlineData("not xml at all")]
    [InlineData("")]
    public void DTDs_entities_and_broken_XML_are_refused(string text)
    {
        var result = UtilityXmlCodec.Read(Encoding.ASCII.GetBytes(text), null, "in");
        Assert.Null(result.Message);
        Assert.NotNull(result.Problem);
    }

    [Fact]
    public void Nesting_deeper_than_32_is_refused()
    {
        var deep = "<in>" + string.Concat(Enumerable.Repeat("<x>", 33)) + string.Concat(Enumerable.Repeat("</x>", 33)) + "</in>";
        var shallow = "<in>" + string.Concat(Enumerable.Repeat("<x>", 31)) + string.Concat(Enumerable.Repeat("</x>", 31)) + "</in>";

        Assert.Contains("nesting", UtilityXmlCodec.Read(Encoding.ASCII.GetBytes(deep), null, "in").Problem);
        Assert.Null(UtilityXmlCodec.Read(Encoding.ASCII.GetBytes(shallow), null, "in").Problem);
    }

    [Fact]
    public void The_root_must_be_the_expected_one()
    {
        Assert.Contains("<in>", UtilityXmlCodec.Read("<out><a>1</a></out>"u8, null, "in").Problem);
    }

    [Fact]
    public void Writes_the_GBK_declaration_and_one_element_a_line()
    {
        var message = new UtilityMessage("out").Set("RespCode", "AAAAAAA").Set("customerName", "张三").Set("filed1", "");

        var bytes = UtilityXmlCodec.Write(message, XmlCharsets.Gbk, "GBK");

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<out>\n<RespCode>AAAAAAA</RespCode>\n<customerName>张三</customerName>\n<filed1></filed1>\n</out>",
            XmlCharsets.Gbk.GetString(bytes));
        Assert.Equal([0xD5, 0xC5, 0xC8, 0xFD], bytes.Skip(Array.IndexOf(bytes, (byte)0xD5)).Take(4));
    }

    [Fact]
    public void A_long_answer_is_written_whole_after_a_short_one_and_a_short_one_after_it()
    {
        // The text is put together in a reused buffer and encoded from it; an answer longer than the buffer's first
        // block (2,048 characters) spans several and is encoded from them joined.
        var longValue = string.Concat(Enumerable.Repeat("水费账单", 1500));
        var shortMessage = new UtilityMessage("out").Set("customerName", "张三");
        var longMessage = new UtilityMessage("out").Set("customerName", "张三").Set("bills", longValue);

        var first = UtilityXmlCodec.Write(shortMessage, XmlCharsets.Gbk, "GBK");
        var whole = UtilityXmlCodec.Write(longMessage, XmlCharsets.Gbk, "GBK");
        var after = UtilityXmlCodec.Write(shortMessage, XmlCharsets.Gbk, "GBK");

        const string Head = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<out>\n<customerName>张三</customerName>";
        Assert.Equal(Head + "\n</out>", XmlCharsets.Gbk.GetString(first));
        Assert.Equal(Head + "\n<bills>" + longValue + "</bills>\n</out>", XmlCharsets.Gbk.GetString(whole));
        Assert.Equal(first, after);
        Assert.Equal(first.Length - "\n</out>".Length + "\n<bills></bills>\n</out>".Length + (2 * longValue.Length), whole.Length);
    }

    [Fact]
    public void What_it_writes_XmlReader_reads_back_with_the_same_fields()
    {
        var message = new UtilityMessage("out").Set("a", "x & y <z> \"q\" 'r'").Set("customerAddress", "北京市朝阳区xxx街道xxx号").Set("empty", "").Set("ctl", "a\u0001b");

        var read = UtilityXmlCodec.Read(UtilityXmlCodec.Write(message, XmlCharsets.Gbk, "GBK"), null, "out").Message!;

        Assert.Equal(["a", "customerAddress", "empty", "ctl"], read.Fields.Select(f => f.Key));
        Assert.Equal("x & y <z> \"q\" 'r'", read.Get("a"));
        Assert.Equal("北京市朝阳区xxx街道xxx号", read.Get("customerAddress"));
        Assert.Equal("a?b", read.Get("ctl"));
    }

    [Fact]
    public void Escapes_markup_in_values()
    {
        var message = new UtilityMessage("out").Set("RespMessage", "a<b&c");
        var text = Encoding.ASCII.GetString(UtilityXmlCodec.Write(message, XmlCharsets.Gbk, "GBK"));
        Assert.Contains("<RespMessage>a&lt;b&amp;c</RespMessage>", text);
    }
}
