using PayHub.Client.Utility;
using PayHub.Protocols.Crypto;
using PayHub.Protocols.Utility;

namespace PayHub.Client.Tests.Utility;

[Collection(DemoServerCollection.Name)]
public sealed class UtilityClientTests(DemoServer server)
{
    private static readonly CustomerCheckRequest SeedCheck = new() { CompanyId = "654321", BillKey = "123456" };

    [Theory]
    [InlineData(UtilityDataType.Xml, "GBK")]
    [InlineData(UtilityDataType.Xml, "UTF-8")]
    [InlineData(UtilityDataType.Json, "GBK")]
    public async Task The_seed_customer_check_answers_the_seed_customer_in_every_plain_format(UtilityDataType dataType, string charset)
    {
        var answer = await server.Utility(o => (o.DataType, o.Charset) = (dataType, charset)).CustomerCheckAsync(SeedCheck);

        Assert.True(answer.IsSuccess, answer.RespCode + " " + answer.RespMessage);
        Assert.Equal(200, answer.HttpStatus);
        Assert.Equal("张三", answer.CustomerName);
        Assert.Equal("CONTRACT001", answer.ContractNo);
        Assert.Equal("北京市朝阳区xxx街道xxx号", answer.CustomerAddress);
        Assert.Equal(36, answer.TotalPayCount);
        Assert.Equal(540000, answer.TotalPayAmount);
        Assert.Equal("CustomerCheckRes", answer["TranCode"]);
    }

    public static TheoryData<string, string, UtilityDataType> Ciphers()
    {
        var data = new TheoryData<string, string, UtilityDataType>();
        foreach (var type in new[] { "SM4", "AES", "3DES" })
        {
            foreach (var mode in new[] { "ECB", "CBC" })
            {
                data.Add(type, mode, UtilityDataType.Xml);
                data.Add(type, mode, UtilityDataType.Json);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public async Task Encrypted_bodies_in_every_cipher_and_mode_are_answered_encrypted_and_decrypted_by_the_client(string type, string mode, UtilityDataType dataType)
    {
        var steps = new List<ExchangeStep>();
        var client = server.Utility(o =>
        {
            o.DataType = dataType;
            o.UseEncryption(type, mode, type == "3DES" ? DemoServer.TripleDesKeyHex : DemoServer.BlockKeyHex);
            o.Explain = steps.Add;
        });

        var answer = await client.CustomerCheckAsync(SeedCheck);

        Assert.True(answer.IsSuccess, answer.RespCode + " " + answer.RespMessage);
        Assert.Equal("13812345678", answer.CustomerPhone);
        var request = steps.Single(s => s.Name == "request").Text;
        Assert.Contains($"EncryptType: {type}", request, StringComparison.Ordinal);
        Assert.Contains("X-API-Key: ***", request, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoServer.DemoApiKey, string.Join("\n", steps.Select(s => s.Text)), StringComparison.Ordinal);
        // The body on the wire is base64, and the answer came back as base64 too (text/plain), not as the plain payload.
        Assert.DoesNotContain("<in>", request, StringComparison.Ordinal);
        Assert.Contains("content-type: text/plain", steps.Single(s => s.Name == "response").Text, StringComparison.Ordinal);
        Assert.Contains(steps, s => s.Name == "decrypted answer");
    }

    [Fact]
    public async Task Two_cbc_requests_of_the_same_content_go_out_under_different_ivs()
    {
        var steps = new List<ExchangeStep>();
        var client = server.Utility(o => { o.UseEncryption("SM4", "CBC", DemoServer.BlockKeyHex); o.Explain = steps.Add; });

        await client.CustomerCheckAsync(SeedCheck with { TranSeq = "IVTEST1" });
        await client.CustomerCheckAsync(SeedCheck with { TranSeq = "IVTEST1" });

        var ivs = steps.Where(s => s.Name == "cipher").Select(s => s.Text).ToList();
        Assert.Equal(2, ivs.Count);
        Assert.NotEqual(ivs[0], ivs[1]);
    }

    [Fact]
    public async Task A_refusal_is_a_typed_answer_not_an_exception()
    {
        var wrongKey = await server.Utility(o => o.ApiKey = "not-the-key").CustomerCheckAsync(SeedCheck);
        var missingField = await server.Utility().CustomerCheckAsync(new CustomerCheckRequest { CompanyId = "654321" });
        var unknownCustomer = await server.Utility().CustomerCheckAsync(SeedCheck with { BillKey = "999999" });
        var wrongCipherKey = await server.Utility(o => o.UseEncryption("AES", "ECB", "00112233445566778899aabbccddeeff")).CustomerCheckAsync(SeedCheck);

        Assert.Equal((UtilityRespCode.Unauthorized, 403), (wrongKey.RespCode, wrongKey.HttpStatus));
        Assert.Equal((UtilityRespCode.BadField, 400), (missingField.RespCode, missingField.HttpStatus));
        Assert.Contains("billKey", missingField.RespMessage, StringComparison.Ordinal);
        Assert.Equal(UtilityRespCode.NoSuchCustomer, unknownCustomer.RespCode);
        Assert.Equal((UtilityRespCode.Undecryptable, 403), (wrongCipherKey.RespCode, wrongCipherKey.HttpStatus));
    }

    [Fact]
    public async Task A_bank_day_query_pay_repeat_reconcile_and_reverse()
    {
        var client = server.Utility(o => o.UseEncryption("SM4", "CBC", DemoServer.BlockKeyHex));
        var bills = await client.QueryAsync(new BillQueryRequest { CompanyId = "654321", BillKey = "123456" });
        Assert.True(bills.IsSuccess, bills.RespMessage);
        Assert.Equal(["202401", "202402"], bills.Bills.Select(b => b.Month));
        Assert.Equal(bills.Bills.Sum(b => b.Amount + b.LateFee), bills.TotalAmount);

        var payment = new PaymentRequest { CompanyId = "654321", BillKey = "123456", Amount = bills.TotalAmount!.Value, Channel = "client-test", TranSeq = UtilityClient.NewTranSeq() };
        var paid = await client.PayAsync(payment);
        var again = await client.PayAsync(payment);
        var altered = await client.PayAsync(payment with { Amount = payment.Amount + 1 });
        Assert.True(paid.IsSuccess, paid.RespMessage);
        Assert.Equal(paid.ReceiptNo, again.ReceiptNo);
        Assert.Equal(UtilityRespCode.TranSeqReused, altered.RespCode);

        var check = await client.CustomerCheckAsync(SeedCheck);
        Assert.Equal(37, check.TotalPayCount);

        var file = await client.PayCheckAsync(new ReconciliationRequest { CheckDate = paid.PayDate });
        Assert.Contains(file.Lines, line => line[1] == payment.TranSeq && line[3] == payment.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture) && line[5] == "pay");

        var reversed = await client.PayInvalidAsync(new ReversalRequest { OrigTranDate = paid.PayDate!, OrigTranSeq = payment.TranSeq! });
        Assert.True(reversed.IsSuccess, reversed.RespMessage);
        Assert.Equal(payment.Amount, reversed.Amount);
        Assert.Equal(36, (await client.CustomerCheckAsync(SeedCheck)).TotalPayCount);
    }

    [Fact]
    public async Task An_answer_that_is_not_the_interface_is_an_exception_naming_what_came_back()
    {
        var client = new UtilityClient(new HttpClient(), new UtilityClientOptions { BaseAddress = new Uri(server.Address, "/no-such-prefix"), InstId = "00001", ApiKey = "k" });

        var failure = await Assert.ThrowsAsync<PayHubClientException>(() => client.CustomerCheckAsync(SeedCheck));

        Assert.Equal(404, failure.HttpStatus);
        Assert.Contains("HTTP 404", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cipher_key_of_the_wrong_length_is_refused_before_anything_is_sent()
    {
        var options = new UtilityClientOptions { BaseAddress = server.Address }.UseEncryption("3DES", "ECB", DemoServer.BlockKeyHex);

        var failure = Assert.Throws<ArgumentException>(() => new UtilityClient(new HttpClient(), options));

        Assert.Contains("24-byte", failure.Message, StringComparison.Ordinal);
        Assert.Equal(BlockCipherKind.TripleDes, options.Encryption.Kind);
    }
}
