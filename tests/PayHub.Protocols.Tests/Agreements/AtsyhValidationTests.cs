using PayHub.Protocols.Agreements;

namespace PayHub.Protocols.Tests.Agreements;

/// <summary>Field validation: the seed's table 2.2 and SPEC.md's formats, every violation named.</summary>
public sealed class AtsyhValidationTests
{
    private static AtsyhRequest Valid(string transType = "Contract", string step = "01")
    {
        var request = new AtsyhRequest();
        request.Header.Set("BankCode", "ALIPAY01").Set("TransType", transType).Set("CommandCode", "9108Auth").Set("TransTime", "2021-07-27 15:04:41");
        request.Detail.Set("ReqSeqID", "29080702394102").Set("PayAct", "79102100603450000018").Set("PayName", "名侦探悟空").Set("PayBankCode", "102")
            .Set("RecAct", "6217661145901883428").Set("RecName", "姬俞").Set("RecBankCode", "102").Set("PayAmount", "667.00")
            .Set("CellPhone", "15158040490").Set("Step", step).Set("CardType", "2").Set("IsPrivate", "1").Set("DeadLine", "20991231").Set("SingleLimit", "12000.00");
        return request;
    }

    [Fact]
    public void The_seed_tables_sample_values_are_valid() => Assert.Empty(AtsyhValidation.Problems(Valid()));

    [Fact]
    public void The_seeds_own_request_example_is_refused_naming_each_fault()
    {
        var request = AtsyhCodec.ReadRequest(File.ReadAllBytes(Vectors.PathOf("seeds/dsp-request-example.xml"))).Message!;

        var problems = AtsyhValidation.Problems(request);

        Assert.Equal(
            [
                "PayBankCode: required", "RecName: required", "RecBankCode: required", "PayAmount: required", "CellPhone: required",
                "SmsCode: required at step 02", "DeadLine: not a date yyyyMMdd", "SingleLimit: not an amount (yuan with two decimals, e.g. 667.00)",
                "CardType: must be 2 (debit) or 3 (credit)",
            ],
            problems);
    }

    [Theory]
    [InlineData("PayAmount", "667", "PayAmount: not an amount")]
    [InlineData("PayAmount", "１２.００", "PayAmount: not an amount")]
    [InlineData("SingleLimit", "12345678901234.00", "SingleLimit: not an amount")]
    [InlineData("DeadLine", "20990231", "DeadLine: not a date")]
    [InlineData("CellPhone", "25158040490", "CellPhone: not 11 digits")]
    [InlineData("CellPhone", "1515804049", "CellPhone: not 11 digits")]
    [InlineData("CardType", "1", "CardType: must be 2")]
    [InlineData("IsPrivate", "2", "IsPrivate: must be 0 or 1")]
    [InlineData("Step", "03", "Step: must be 01 or 02")]
    public void Formats_are_checked(string field, string value, string problem)
    {
        var request = Valid();
        request.Detail.Set(field, value);

        Assert.Contains(AtsyhValidation.Problems(request), p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Header_fields_are_required_and_TransType_and_TransTime_checked()
    {
        var request = new AtsyhRequest();
        request.Header.Set("TransType", "Sign").Set("TransTime", "2021/07/27");
        request.Detail.Set("ReqSeqID", "1");

        var problems = AtsyhValidation.Problems(request);

        Assert.Contains("BankCode: required", problems);
        Assert.Contains("CommandCode: required", problems);
        Assert.Contains("TransType: must be Contract, DeContract or QryContract", problems);
        Assert.Contains("TransTime: not yyyy-MM-dd HH:mm:ss", problems);
    }

    [Fact]
    public void A_query_needs_ReqSeqID_and_an_AuthCode_or_both_accounts()
    {
        var query = new AtsyhRequest();
        query.Header.Set("BankCode", "ALIPAY01").Set("TransType", "QryContract").Set("CommandCode", "9108Auth");
        Assert.Equal(["ReqSeqID: required", "PayAct: required without AuthCode", "RecAct: required without AuthCode"], AtsyhValidation.Problems(query));

        query.Detail.Set("ReqSeqID", "Q1").Set("AuthCode", "30101194506012712");
        Assert.Empty(AtsyhValidation.Problems(query));
    }

    [Fact]
    public void Step_02_needs_the_SMS_code() =>
        Assert.Equal(["SmsCode: required at step 02"], AtsyhValidation.Problems(Valid(step: "02")));
}
