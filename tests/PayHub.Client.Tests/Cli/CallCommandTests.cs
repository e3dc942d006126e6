using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PayHub.Tests.Cli;

namespace PayHub.Client.Tests.Cli;

/// <summary>
/// <c>payhub call</c> as a developer runs it against <c>serve --demo</c>: decoded answers, exit codes, and <c>--explain</c>
/// steps that the test recomputes on its own (the platform's HMAC, MD5, AES and RSA, not PayHub's code) and finds equal.
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class CallCommandTests(DemoServer server)
{
    private Task<CommandRun> Call(params string[] args) => PayhubCommand.RunAsync(null, ["call", .. args, "--url", server.Address.ToString()]);

    [Fact]
    public async Task The_seed_customer_check_from_its_example_file_prints_the_decoded_answer()
    {
        var run = await Call("utility", "CustomerCheck", "--file", CallOutput.Example("utility/customer-check.xml"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("RespCode: AAAAAAA\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("customerName: 张三\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("totalPayAmount: 540000\n", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task An_explained_aes_cbc_call_shows_a_body_the_test_decrypts_to_the_shown_payload()
    {
        var output = new CallOutput(await Call("utility", "CustomerCheck", "-f", "companyId=654321", "-f", "queryType=0", "-f", "billKey=123456", "--encrypt", "AES/CBC", "--explain"));

        Assert.Equal(0, output.Run.ExitCode);
        var sealedBytes = Convert.FromBase64String(output.Body("request").Trim());
        using var aes = Aes.Create();
        aes.Key = Convert.FromHexString(DemoServer.BlockKeyHex);
        var plain = aes.DecryptCbc(sealedBytes.AsSpan(16), sealedBytes.AsSpan(0, 16), PaddingMode.PKCS7);
        Assert.Equal(output.Body("payload"), Encoding.GetEncoding(936).GetString(plain));
        Assert.Contains("IV " + Convert.ToHexStringLower(sealedBytes, 0, 16), output.Step("cipher"), StringComparison.Ordinal);
        Assert.Equal("***", output.Header("request", "X-API-Key"));
        Assert.DoesNotContain(DemoServer.DemoApiKey, output.Run.Output, StringComparison.Ordinal);
        Assert.Contains("RespCode: AAAAAAA", output.Step("answer"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_utility_call_exits_1()
    {
        var run = await Call("utility", "CustomerCheck", "-f", "companyId=654321", "-f", "queryType=0", "-f", "billKey=000000");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("RespCode: DEF0005", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explained_dsp_call_signs_the_bytes_it_sends_with_the_front_end_s_secret()
    {
        var output = new CallOutput(await Call("dsp", "Contract", "--file", CallOutput.Example("dsp/contract-01.xml"), "-f", "ReqSeqID=CALL" + Guid.NewGuid().ToString("N")[..12], "--explain"));

        Assert.Equal(0, output.Run.ExitCode);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("demo-dsp-secret"u8, Encoding.UTF8.GetBytes(output.Body("request"))));
        Assert.Equal(expected, output.Header("request", "X-DSP-Signature"));
        Assert.Contains("UnifiedCode: EC100", output.Step("answer"), StringComparison.Ordinal);
        Assert.DoesNotContain("demo-dsp-secret", output.Run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seed_unsign_of_an_unsigned_agreement_exits_1_with_ec801()
    {
        var run = await Call("dsp", "DeContract", "--file", CallOutput.Example("dsp/decontract-seed.xml"), "-f", "ReqSeqID=SEED" + Guid.NewGuid().ToString("N")[..12]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("UnifiedCode: EC801", run.Output, StringComparison.Ordinal);
        Assert.Contains("DeSignState: fail", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explained_global_call_shows_a_string_to_sign_its_signature_verifies_over_and_the_answer_s_signature()
    {
        var output = new CallOutput(await Call("global", "inquiryAccount", "--file", CallOutput.Example("global-accounts/inquiry-account.json"), "--explain"));

        Assert.Equal(0, output.Run.ExitCode);
        using var clientKey = RSA.Create();
        clientKey.ImportFromPem(DemoServer.Pem("demo-client-public.pem"));
        var signature = output.Header("request", "Signature").Split(",signature=")[1];
        // The file goes out byte for byte, its final line break included (which the step says, as printing hides it).
        var toSign = $"POST /amsin/api/v1/business/account/inquiryAccount\nDEMO_CLIENT_001.{output.Header("request", "Request-Time")}."
            + await File.ReadAllTextAsync(CallOutput.Example("global-accounts/inquiry-account.json"));
        Assert.Equal(toSign.TrimEnd('\n'), output.Body("string to sign"));
        Assert.Contains("ends with a line break", output.Step("string to sign"), StringComparison.Ordinal);
        Assert.True(clientKey.VerifyData(Encoding.UTF8.GetBytes(toSign), Convert.FromBase64String(Uri.UnescapeDataString(signature)), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        using var serverKey = RSA.Create();
        serverKey.ImportFromPem(DemoServer.Pem("demo-server-public.pem"));
        var answerSigned = $"POST /amsin/api/v1/business/account/inquiryAccount\nDEMO_CLIENT_001.{output.Header("response", "response-time")}.{output.Body("response")}";
        var answerSignature = output.Header("response", "signature").Split(",signature=")[1];
        Assert.True(serverKey.VerifyData(Encoding.UTF8.GetBytes(answerSigned), Convert.FromBase64String(Uri.UnescapeDataString(answerSignature)), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Contains(": verified", output.Step("answer signature"), StringComparison.Ordinal);
        Assert.Equal("QWER Trading Co., Ltd.", JsonNode.Parse(output.Step("answer"))!["customer"]!["customerCompanyName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_global_refusal_exits_1_and_an_answer_that_does_not_verify_exits_65()
    {
        var refused = await Call("global", "inquiryAccount", "-f", "accountType=RECEIVE_ACCOUNT", "-f", "referenceCustomerId=REF-NOBODY");
        var profile = JsonNode.Parse(await File.ReadAllTextAsync(CallOutput.Example("demo-profile.json")))!;
        profile["global"]!["serverPublicKeyPem"] = DemoServer.Pem("demo-client-public.pem");
        var file = Path.Combine(Path.GetTempPath(), $"profile-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, profile.ToJsonString());
        try
        {
            var untrusted = await Call("global", "inquiryAccount", "--file", CallOutput.Example("global-accounts/inquiry-account.json"), "--profile", file);

            Assert.Equal(65, untrusted.ExitCode);
            Assert.Contains("does not verify", Assert.Single(untrusted.ErrorLines), StringComparison.Ordinal);
            Assert.Empty(untrusted.Output);
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("ACCOUNT_NOT_EXIST", refused.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_given_as_options_take_the_place_of_the_profile_s()
    {
        var secondAgent = await Call("risk", "query", "-f", "page=1", "-f", "rows=100", "--access-id", "4028805b6e86d179016e874f6c4200ae", "--secret", "demo-risk-secret-2");
        var wrongApiKey = await Call("utility", "CustomerCheck", "--file", CallOutput.Example("utility/customer-check.xml"), "--api-key", "not-the-key");
        var otherServerKey = await Call("global", "inquiryAccount", "--file", CallOutput.Example("global-accounts/inquiry-account.json"),
            "--server-key", Path.Combine(AppContext.BaseDirectory, "vectors", "worldfirst", "demo-client-public.pem"));

        Assert.Equal(0, secondAgent.ExitCode);
        using var page = JsonDocument.Parse(secondAgent.Output);
        var agents = page.RootElement.GetProperty("data").GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("firstAgentNo").GetString()).Distinct().ToList();
        Assert.Equal(["FW2000002"], agents);
        Assert.Equal(1, wrongApiKey.ExitCode);
        Assert.Contains("RespCode: EGG0001", wrongApiKey.Output, StringComparison.Ordinal);
        Assert.Equal(65, otherServerKey.ExitCode);
    }

    [Fact]
    public async Task An_explained_risk_query_shows_the_string_whose_md5_with_the_secret_is_the_sign_sent()
    {
        var output = new CallOutput(await Call("risk", "query", "--file", CallOutput.Example("risk-cases/query.json"), "-f", "rows=2", "--explain"));

        Assert.Equal(0, output.Run.ExitCode);
        var toSign = output.Step("string to sign");
        Assert.EndsWith("&key=***", toSign, StringComparison.Ordinal);
        var expected = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(toSign[..^3] + DemoServer.RiskSecret)));
        using var sent = JsonDocument.Parse(output.Body("request"));
        Assert.Equal(expected, sent.RootElement.GetProperty("sign").GetString());
        Assert.Equal(2, sent.RootElement.GetProperty("rows").GetInt32());
        using var answer = JsonDocument.Parse(output.Step("answer"));
        Assert.Equal(2, answer.RootElement.GetProperty("data").GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task A_risk_refusal_exits_1_nothing_listening_exits_69_and_a_usage_mistake_64_each_in_one_line()
    {
        var refused = await Call("risk", "reply", "-f", "caseNo=NOSUCHCASE", "-f", "surveyRemark=x");
        var unreachable = await PayhubCommand.RunAsync(null, "call", "utility", "CustomerCheck", "--url", $"http://127.0.0.1:{PayHub.Tests.LoopbackEndpoint.FreePort()}");
        var badField = await Call("utility", "CustomerCheck", "-f", "billKey");
        var badFamily = await Call("water", "CustomerCheck");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("\"return_code\":10001", refused.Output, StringComparison.Ordinal);
        Assert.Equal(69, unreachable.ExitCode);
        Assert.Contains("is the server running there?", Assert.Single(unreachable.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(64, badField.ExitCode);
        Assert.Equal("payhub: --field billKey: write it as name=value.", Assert.Single(badField.ErrorLines));
        Assert.Equal(64, badFamily.ExitCode);
        Assert.Contains("unknown family 'water'", Assert.Single(badFamily.ErrorLines), StringComparison.Ordinal);
    }
}
