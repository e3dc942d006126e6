using System.Text;
using PayHub.Protocols.Xml;

namespace PayHub.Protocols.Tests.Xml;

public sealed class SafeXmlTests
{
    [Theory]
    [InlineData("plain 中文 text", false, "plain 中文 text")]
    [InlineData("a<b&c>d", false, "a&lt;b&amp;c&gt;d")]
    [InlineData("say \"hi\"", false, "say \"hi\"")]
    [InlineData("say \"hi\"", true, "say &quot;hi&quot;")]
    [InlineData("tab\tnew\nline\r", false, "tab\tnew\nline\r")]
    [InlineData("\u0000x\u0001y\u001F", false, "?x?y?")]
    [InlineData("end\uFFFE\uFFFF", false, "end??")]
    [InlineData("emoji \U0001F600 kept", false, "emoji \U0001F600 kept")]
    [InlineData("&&", true, "&amp;&amp;")]
    [InlineData("", false, "")]
    public void Escapes_markup_and_replaces_what_XML_does_not_allow(string value, bool quotes, string expected)
    {
        var xml = new StringBuilder("[");

        SafeXml.AppendEscaped(xml, value, quotes);

        Assert.Equal("[" + expected, xml.ToString());
    }
}
