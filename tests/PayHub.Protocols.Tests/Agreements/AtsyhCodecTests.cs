using System.Text;
using PayHub.Protocols.Agreements;
using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;

namespace PayHub.Protocols.Tests.Agreements;

/// <summary>The ATSYH envelope: the seed's examples, charsets, and the XML safety limits.</summary>
public sealed class AtsyhCodecTests
{
    private static byte[] Seed(string name) => File.ReadAllBytes(Vectors.PathOf("seeds/" + name));

    [Fact]
    public void Reads_the_seeds_request_example_field_for_field()
    {
        var read = AtsyhCodec.ReadRequest(Seed("dsp-request-example.xml"));

        var request = Assert.IsType<AtsyhRequest>(read.Message);
        Assert.Equal("5.1.0.0", request.Version);
        Assert.Equal("GZELINK01", request.BankCode);
        Assert.Equal("DeContract", request.TransType);
        Assert.Equal("30191205151125", request.TransSeqId);
        Assert.Equal("9108Auth", request.CommandCode);
        Assert.Equal(22, request.Detail.All.Count);
        Assert.Equal("G0120031611501284062", request.Detail.Get("ReqSeqID"));
        Assert.Equal("黄二九", request.Detail.Get("SingleLimit"));
        Assert.Equal("", request.Detail.Get("CellPhone"));
        Assert.Null(request.Detail.Value("CellPhone"));
        Assert.Null(request.Detail.Get("PayAmount"));
        Assert.Equal("02", request.Detail.Get("Step"));
    }

    [Fact]
    public void Writes_the_seeds_response_example_and_reads_it_back()
    {
        var response = AtsyhResponse.Echo("CMBC02", "DeContract", "20210428120143860604711");
        response.Detail.Set("RespCode", "0").Set("RespInfo", "重复签约").Set("ReqSeqID", "ATS2021042812014386060471")
            .Set("UnifiedCode", "EC801").Set("DeSignState", "fail").Set("OriginalCode", "S");

        var written = AtsyhCodec.WriteResponse(response);

        Assert.Equal(Encoding.UTF8.GetString(Seed("dsp-response-example.xml")), Encoding.UTF8.GetString(written));
        var read = AtsyhCodec.ReadResponse(written).Message!;
        Assert.Equal(response.Detail.All, read.Detail.All);
        Assert.Equal(response.Header.All, read.Header.All);
    }

    [Fact]
    public void A_written_request_reads_back_the_same_with_markup_characters_escaped()
    {
        var request = new AtsyhRequest();
        request.Header.Set("BankCode", "ALIPAY01").Set("TransType", "Contract").Set("CommandCode", "9108Auth");
        request.Detail.Set("PayName", "A&B <公司>").Set("Memo", "\"quoted\"").Set("Step", "01");

        var read = AtsyhCodec.ReadRequest(AtsyhCodec.WriteRequest(request)).Message!;

        Assert.Equal(request.Header.All, read.Header.All);
        Assert.Equal(request.Detail.All, read.Detail.All);
    }

    [Fact]
    public void Reads_GBK_when_the_declaration_says_so_and_answers_in_it()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"GBK\"?><ATSYH version=\"5.1.0.0\"><TransReq><BankCode>ALIPAY01</BankCode><TransParam><DetailRecord><PayName>名侦探悟空</PayName></DetailRecord></TransParam></TransReq></ATSYH>";

        var read = AtsyhCodec.ReadRequest(XmlCharsets.Gbk.GetBytes(xml));

        Assert.Equal("名侦探悟空", read.Message!.Detail.Get("PayName"));
        Assert.Equal("GBK", read.DeclaredCharset);
        var answer = AtsyhCodec.WriteResponse(AtsyhResponse.Echo("ALIPAY01", "Contract", ""), read.Encoding, read.DeclaredCharset);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"GBK\"?>", Encoding.ASCII.GetString(answer));
    }

    [Theory]
    [InlineData("<!DOCTYPE ATSYH [<!ENTITY x \"y\">]><ATSYH><TransReq><TransParam><DetailRecord><PayName>&x;</PayName></DetailRecord></TransParam></TransReq></ATSYH>", "DTD")]
    [InlineData("<ATSYH><TransReq><BankCode>A</BankCode>", "well-formed")]
    [InlineData("not xml at all", "well-formed")]
    [InlineData("<Other/>", "root element")]
    [InlineData("<ATSYH><TransReq><BankCode>A</BankCode></TransReq></ATSYH>", "DetailRecord")]
    [InlineData("<ATSYH><TransReq><TransParam><DetailRecord><PayName><b>x</b></PayName></DetailRecord></TransParam></TransReq></ATSYH>", "PayName: must hold text")]
    [InlineData("<ATSYH><TransReq><TransParam><DetailRecord><Step>01</Step><Step>02</Step></DetailRecord></TransParam></TransReq></ATSYH>", "Step: given more than once")]
    [InlineData("<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?><ATSYH/>", "charset")]
    public void Refuses_what_is_not_a_safe_well_formed_ATSYH_request(string xml, string problem)
    {
        var read = AtsyhCodec.ReadRequest(Encoding.UTF8.GetBytes(xml));

        Assert.Null(read.Message);
        Assert.Contains(problem, read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_nesting_deeper_than_32()
    {
        var deep = string.Concat(Enumerable.Repeat("<a>", 40)) + string.Concat(Enumerable.Repeat("</a>", 40));
        var xml = $"<ATSYH><Extension>{deep}</Extension><TransReq><TransParam><DetailRecord></DetailRecord></TransParam></TransReq></ATSYH>";

        var read = AtsyhCodec.ReadRequest(Encoding.UTF8.GetBytes(xml));

        Assert.Null(read.Message);
        Assert.Contains("nesting deeper than 32", read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_bytes_that_are_not_UTF8()
    {
        var body = Encoding.ASCII.GetBytes("<ATSYH><TransReq><TransParam><DetailRecord><PayName>").Concat(new byte[] { 0xC3, 0x28 })
            .Concat(Encoding.ASCII.GetBytes("</PayName></DetailRecord></TransParam></TransReq></ATSYH>")).ToArray();

        Assert.Contains("not valid in UTF-8", AtsyhCodec.ReadRequest(body).Problem, StringComparison.Ordinal);
    }
}
