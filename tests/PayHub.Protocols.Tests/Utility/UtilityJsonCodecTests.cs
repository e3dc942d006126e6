using System.Text;
using PayHub.Protocols.Utility;

namespace PayHub.Protocols.Tests.Utility;

public class UtilityJsonCodecTests
{
    [Fact]
    public void Reads_strings_and_numbers_and_treats_null_as_absent()
    {
        var result = UtilityJsonCodec.Read("""{"InstId":"00001","queryType":0,"amount":150.5,"filed1":null,"customerName":"张三"}"""u8, "in");

        var message = result.Message!;
        Assert.Equal("00001", message.Get("InstId"));
        Assert.Equal("0", message.Get("queryType"));
        Assert.Equal("150.5", message.Get("amount"));
        Assert.Null(message.Get("filed1"));
        Assert.Equal("张三", message.Get("customerName"));
    }

    [Theory]
    [InlineData("""{"a":{"b":"c"}}""")]
    [InlineData("""{"a":["b"]}""")]
    [InlineData("""["a"]""")]
    [InlineData("""{"a":"b"} {"c":"d"}""")]
    [InlineData("""{"a":"b",}""")]
    [InlineData("<in/>")]
    [InlineData("")]
    public void Anything_but_one_flat_object_is_refused(string text)
    {
        Assert.NotNull(UtilityJsonCodec.Read(Encoding.UTF8.GetBytes(text), "in").Problem);
    }

    [Fact]
    public void Invalid_UTF8_is_refused()
    {
        Assert.NotNull(UtilityJsonCodec.Read([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'], "in").Problem);
    }

    [Fact]
    public void Writes_every_value_as_a_string_in_field_order_without_escaping_Chinese()
    {
        var message = new UtilityMessage("out").Set("RespCode", "AAAAAAA").Set("totalPayCount", "36").Set("customerName", "张三");

        Assert.Equal("""{"RespCode":"AAAAAAA","totalPayCount":"36","customerName":"张三"}""", Encoding.UTF8.GetString(UtilityJsonCodec.Write(message)));
    }
}
