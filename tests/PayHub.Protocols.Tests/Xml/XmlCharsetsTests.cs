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

    [Theory]
    [InlineData("GBK", "a\uF8F5b", "a&#xF8F5;b")]          // private use: the code page would write a user-defined-area pair
    [InlineData("GBK", "张\uE000三", "张&#xE000;三")]
    [InlineData("GBK", "x😀", "x&#x1F600;")]                // not in GBK at all
    [InlineData("GBK", "€", "€")]                          // code page 936's single byte 80, which strict readers know too
    [InlineData("GB18030", "a\uF8F5😀", "a\uF8F5😀")]      // GB18030 carries every character
    public void A_character_the_charset_cannot_carry_is_written_as_a_character_reference(string charset, string text, string asWritten)
    {
        Assert.True(XmlCharsets.TryGet(charset, out var encoding, out _));

        var bytes = XmlCharsets.GetBytes(encoding, text);

        // What a strict reader of that charset reads back: the text with references in place of the characters.
        Assert.Equal(asWritten, XmlCharsets.GetString(encoding, bytes));
        if (charset == "GBK")
        {
            Assert.True(StrictGbk.IsValid(bytes), Convert.ToHexString(bytes));
        }
    }

    [Fact]
    public void An_unpaired_surrogate_names_no_character_and_becomes_a_question_mark()
    {
        // Built at run time: an attribute argument cannot carry an unpaired surrogate.
        var text = "a" + (char)0xD800 + "b";

        foreach (var encoding in new[] { XmlCharsets.Utf8, XmlCharsets.Gbk, XmlCharsets.Gb18030 })
        {
            Assert.Equal("a?b", XmlCharsets.GetString(encoding, XmlCharsets.GetBytes(encoding, text)));
        }
    }
}
