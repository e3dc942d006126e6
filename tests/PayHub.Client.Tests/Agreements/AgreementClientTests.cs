using System.Security.Cryptography;
using System.Text;
using PayHub.Client.Agreements;
using PayHub.Protocols.Agreements;

namespace PayHub.Client.Tests.Agreements;

[Collection(DemoServerCollection.Name)]
public sealed class AgreementClientTests(DemoServer server)
{
    private static AgreementRequest NewPayer(string bankCode = "ALIPAY01") => new()
    {
        BankCode = bankCode,
        ReqSeqId = AgreementClient.NewSequence(),
        PayAct = "62220" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999) + "000123",
        PayName = "王小明",
        PayBankCode = "102",
        RecAct = "6217661145901883428",
        RecName = "姬俞",
        RecBankCode = "102",
        PayAmount = "667.00",
        CellPhone = "13900001111",
        DeadLine = "20991231",
        SingleLimit = "12000.00",
    };

    [Fact]
    public async Task Sign_in_two_steps_query_then_unsign_in_two_steps()
    {
        var client = server.Agreements();
        var payer = NewPayer();

        var applied = await client.ApplySignAsync(payer);
        var signed = await client.ConfirmSignAsync(payer with { ReqSeqId = AgreementClient.NewSequence() }, "123456");
        var query = await client.QueryAsync(new AgreementRequest { BankCode = payer.BankCode, ReqSeqId = AgreementClient.NewSequence(), AuthCode = signed.AuthCode });
        var unsignApplied = await client.ApplyUnsignAsync(payer with { ReqSeqId = AgreementClient.NewSequence(), AuthCode = signed.AuthCode });
        var unsigned = await client.ConfirmUnsignAsync(payer with { ReqSeqId = AgreementClient.NewSequence(), AuthCode = signed.AuthCode }, "123456");

        Assert.Equal((UnifiedCode.CodeSent, "processing", "0"), (applied.UnifiedCode, applied.State, applied.RespCode));
        Assert.Equal((UnifiedCode.Success, "success"), (signed.UnifiedCode, signed.State));
        Assert.Matches("^[0-9]{20}$", signed.AuthCode);
        Assert.Equal((UnifiedCode.Success, "signed"), (query.UnifiedCode, query.State));
        Assert.Equal(UnifiedCode.CodeSent, unsignApplied.UnifiedCode);
        Assert.Equal((UnifiedCode.Success, "success", "DeContract"), (unsigned.UnifiedCode, unsigned.State, unsigned.TransType));
    }

    [Fact]
    public async Task The_seed_unsign_of_an_unsigned_agreement_is_a_business_refusal()
    {
        var answer = await server.Agreements().ApplyUnsignAsync(new AgreementRequest
        {
            BankCode = "CMBC02",
            ReqSeqId = AgreementClient.NewSequence(),
            PayAct = "6123011880003601000",
            PayName = "名侦探悟空",
            PayBankCode = "102",
            RecAct = "001053110000001123",
            RecName = "姬俞",
            RecBankCode = "102",
            PayAmount = "1.00",
            CellPhone = "15158040490",
        });

        Assert.Equal((UnifiedCode.AlreadyInState, "fail", "0", null), (answer.UnifiedCode, answer.State, answer.RespCode, answer.OriginalCode));
        Assert.False(answer.IsSuccess);
        Assert.True(answer.Processed);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_ec906_and_the_explanation_never_shows_the_secret()
    {
        var steps = new List<ExchangeStep>();
        var answer = await server.Agreements("not-the-secret", steps).ApplySignAsync(NewPayer());

        Assert.Equal((UnifiedCode.NotAuthenticated, "-1", null), (answer.UnifiedCode, answer.RespCode, answer.State));
        var sent = steps.Single(s => s.Name == "request").Text;
        var body = sent[(sent.IndexOf("<ATSYH", StringComparison.Ordinal))..];
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("not-the-secret"u8, Encoding.UTF8.GetBytes(body)));
        Assert.Contains($"X-DSP-Signature: {expected}", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", string.Join("\n", steps.Select(s => s.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_fields_come_back_named_and_a_repeat_with_other_content_is_ec905()
    {
        var client = server.Agreements();
        var payer = NewPayer();
        var malformed = await client.ApplySignAsync(payer with { CellPhone = "12345", PayAmount = null });
        var first = await client.ApplySignAsync(payer);
        var altered = await client.ApplySignAsync(payer with { PayAmount = "668.00" });

        Assert.Equal(UnifiedCode.Malformed, malformed.UnifiedCode);
        Assert.Contains("PayAmount: required", malformed.RespInfo, StringComparison.Ordinal);
        Assert.Contains("CellPhone", malformed.RespInfo, StringComparison.Ordinal);
        Assert.Equal(UnifiedCode.CodeSent, first.UnifiedCode);
        Assert.Equal((UnifiedCode.ReqSeqIdReused, "-1"), (altered.UnifiedCode, altered.RespCode));
    }
}
