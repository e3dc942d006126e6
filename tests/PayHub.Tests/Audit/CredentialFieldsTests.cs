using System.Text;
using PayHub.Audit;

namespace PayHub.Tests.Audit;

/// <summary>Credential fields are masked in bytes as received, JSON or XML, parsed or not, every other byte kept.</summary>
public sealed class CredentialFieldsTests
{
    private static readonly CredentialFields Fields = new("sign", "SmsCode");

    [Theory]
    [InlineData("""{"a":1,"sign":"ABC\"DEF","b":"x"}""", """{"a":1,"sign":"***","b":"x"}""")]
    [InlineData("""{"sign" : "ABCDEF"}""", """{"sign" : "***"}""")]
    [InlineData("""{"page":1,"sign":"ABCDEF","rows":""", """{"page":1,"sign":"***","rows":""")]
    [InlineData("<DetailRecord><SmsCode>123456</SmsCode><PayAct>62</PayAct></DetailRecord>", "<DetailRecord><SmsCode>***</SmsCode><PayAct>62</PayAct></DetailRecord>")]
    [InlineData("""{"design":"ABCDEF","signer":"X"}""", """{"design":"ABCDEF","signer":"X"}""")]
    public void Masks_the_values_of_credential_fields_only(string raw, string kept) =>
        Assert.Equal(kept, Encoding.UTF8.GetString(Fields.Scrub(Encoding.UTF8.GetBytes(raw))));

    [Fact]
    public void Bytes_that_are_not_UTF8_stay_as_they_were()
    {
        var gbk = new byte[] { 0x3C, 0x61, 0x3E, 0xD5, 0xC5, 0xC8, 0xFD, 0x3C, 0x2F, 0x61, 0x3E, 0x3C, 0x53, 0x6D, 0x73, 0x43, 0x6F, 0x64, 0x65, 0x3E, 0x31, 0x3C, 0x2F, 0x53, 0x6D, 0x73, 0x43, 0x6F, 0x64, 0x65, 0x3E };
        var scrubbed = Fields.Scrub(gbk);
        Assert.Equal(gbk[..11], scrubbed[..11]); // <a>张三</a> in GBK, unchanged
        Assert.EndsWith("<SmsCode>***</SmsCode>", Encoding.Latin1.GetString(scrubbed), StringComparison.Ordinal);
        Assert.Same(gbk, CredentialFields.None.Scrub(gbk));
    }
}
