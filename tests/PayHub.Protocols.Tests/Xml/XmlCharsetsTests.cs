using System.Text;
using PayHub.Protocols.Xml;

namespace PayHub.Protocols.Tests.Xml;

/// <summary>
/// Encoding and decoding run by run (ASCII as it is, the rest through the charset) gives the bytes
/// and text the charsets' published tables give, including characters whose later bytes fall in
/// the ASCII range, and refuses what the strict charsets refuse.
/// </summary>
public sealed class XmlCharsetsTests
{
    public static TheoryData<string, string, string> Known => new()
    {
        // 张 D5C5, 三 C8FD; 丂 8140: its trail byte is '@'
        { "GBK", "<a>张三丂@</a>", "3C613ED5C5C8FD8140403C2F613E" },
        // 𠀀 (U+20000) is four bytes in GB18030, two of them ASCII digits
        { "GB18030", "a𠀀1", "619532823631" },
        { "UTF-8", "<é>", "3CC3A93E" },
        { "GBK", "plain", "706C61696E" },
        { "GBK", "", "" },
        { "GBK", "中", "D6D0" },
    };

    [Theory]
    [MemberData(nameof(Known))]
    public void Writes_and_reads_the_published_bytes(string charset, string text, string hex)
    {
        Assert.True(XmlCharsets.TryGet(charset, out var encoding, out _));

        Assert.Equal(hex, Convert.ToHexString(XmlCharsets.GetBytes(encoding, text)));
        Assert.Equal(text, XmlCharsets.GetString(encoding, Convert.FromHexString(hex)));
    }

    [Fact]
    public void A_long_mixed_answer_is_the_same_as_through_the_whole_charset()
    {
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"GBK\"?>\n<out>");
        for (var i = 0; i < 200; i++)
        {
            text.Append("\n<customerName>张三").Append(i).Append("</customerName><addr>北京市朝阳区xxx街道").Append(i % 7).Append("号丂</addr>");
        }

        foreach (var encoding in new[] { XmlCharsets.Gbk, XmlCharsets.Gb18030, XmlCharsets.Utf8 })
        {
            var expected = encoding.GetBytes(text.ToString());
            Assert.Equal(expected, XmlCharsets.GetBytes(encoding, text.ToString()));
            Assert.Equal(text.ToString(), XmlCharsets.GetString(encoding, expected));
        }
    }

    [Theory]
    [InlineData("GBK", "616281")]        // a lead byte with nothing after it
    [InlineData("GBK", "3C6181203E")]    // a lead byte followed by a space, not a trail byte
    [InlineData("UTF-8", "3C61C33E")]    // a truncated two-byte sequence
    public void Bytes_not_valid_in_the_charset_are_refused(string charset, string hex)
    {
        Assert.True(XmlCharsets.TryGet(charset, out var encoding, out _));

        Assert.Throws<DecoderFallbackException>(() => XmlCharsets.GetString(encoding, Convert.FromHexString(hex)));
    }

    [Fact]
    public void A_character_GBK_cannot_write_is_refused()
    {
        Assert.Throws<EncoderFallbackException>(() => XmlCharsets.GetBytes(XmlCharsets.Gbk, "<a>\U0001F600</a>"));
    }
}
