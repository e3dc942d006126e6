using PayHub.Audit;
using PayHub.WebConsole;

namespace PayHub.Tests.WebConsole;

/// <summary>"Copy as payhub call" for each family's journal entry: the fields PayHub understood, never a credential, nothing the client writes itself.</summary>
public sealed class PayhubCallCommandTests
{
    private static JournalEntryView Entry(string family, string request, string headers) =>
        new() { Family = family, Request = request, Headers = headers };

    [Fact]
    public void An_encrypted_utility_request_keeps_its_cipher_and_fields_and_leaves_the_envelope_to_the_client()
    {
        var command = PayhubCallCommand.For(Entry("utility",
            "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<in>\n<Version>1.0.1</Version>\n<InstId>00001</InstId>\n<TranCode>CustomerCheck</TranCode>\n<TranDate>20261201</TranDate>\n<TranSeq>T1</TranSeq>\n<companyId>654321</companyId>\n<billKey>O'Brien</billKey>\n</in>",
            """{":method":"POST",":path":"/utility/CustomerCheck","X-API-Key":"***","EncryptType":"SM4","EncryptMode":"CBC"}"""), "http://payhub.example:5000/")!;

        Assert.StartsWith("# Signed with your profile's credentials", command, StringComparison.Ordinal);
        Assert.Contains("payhub call utility 'CustomerCheck' --url 'http://payhub.example:5000'", command, StringComparison.Ordinal);
        Assert.Contains("--encrypt 'SM4/CBC'", command, StringComparison.Ordinal);
        Assert.Contains("-f 'TranSeq=T1'", command, StringComparison.Ordinal);
        Assert.Contains("-f 'billKey=O'\\''Brien'", command, StringComparison.Ordinal);
        Assert.DoesNotContain("InstId", command, StringComparison.Ordinal);
        Assert.DoesNotContain("***", command, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dsp_code_the_journal_masked_is_a_placeholder_and_the_transmission_fields_are_left_out()
    {
        var command = PayhubCallCommand.For(Entry("dsp",
            "<ATSYH version=\"5.1.0.0\"><TransReq><BankCode>ALIPAY01</BankCode><TransType>Contract</TransType><CommandCode>9108Auth</CommandCode><TransSeqID>S1</TransSeqID><TransTime>2026-12-01 10:00:00</TransTime><TransParam><DetailRecord><ReqSeqID>R1</ReqSeqID><Step>02</Step><SmsCode>***</SmsCode></DetailRecord></TransParam></TransReq></ATSYH>",
            """{":method":"POST",":path":"/dsp","X-DSP-Client":"demo-frontend","X-DSP-Signature":"***"}"""), "http://localhost:5000")!;

        Assert.Contains("payhub call dsp 'Contract'", command, StringComparison.Ordinal);
        Assert.Contains("-f 'BankCode=ALIPAY01'", command, StringComparison.Ordinal);
        Assert.Contains("-f 'SmsCode=<SmsCode>'", command, StringComparison.Ordinal);
        Assert.DoesNotContain("TransSeqID", command, StringComparison.Ordinal);
        Assert.DoesNotContain("X-DSP", command, StringComparison.Ordinal);
    }

    [Fact]
    public void A_global_request_keeps_its_arrays_as_json_and_a_masked_token_header_as_a_placeholder()
    {
        var command = PayhubCallCommand.For(Entry("global",
            """{"currencyList":["USD"],"balanceTypes":null}""",
            """{":method":"POST",":path":"/ams/api/v1/business/account/inquiryBalance","Access-Token":"***","Signature":"***"}"""), "http://localhost:5000")!;

        Assert.Contains("payhub call global 'inquiryBalance'", command, StringComparison.Ordinal);
        Assert.Contains("-H 'Access-Token=<Access-Token>'", command, StringComparison.Ordinal);
        Assert.Contains("-f 'currencyList=[\"USD\"]'", command, StringComparison.Ordinal);
        Assert.DoesNotContain("balanceTypes", command, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_offered_for_the_admin_api_or_an_entry_without_its_request()
    {
        Assert.Null(PayhubCallCommand.For(Entry("admin", "{}", """{":path":"/admin/sms"}"""), "http://localhost:5000"));
        Assert.Null(PayhubCallCommand.For(Entry("utility", "", """{":path":"/utility/Pay"}"""), "http://localhost:5000"));
        Assert.Null(PayhubCallCommand.For(Entry("risk", "not json", """{":path":"/risk/case/query"}"""), "http://localhost:5000"));
    }
}
