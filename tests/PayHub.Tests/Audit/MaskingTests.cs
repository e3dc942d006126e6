using PayHub.Audit;

namespace PayHub.Tests.Audit;

public class MaskingTests
{
    [Theory]
    [InlineData(PersonalData.Phone, "13812345678", "138****5678")]
    [InlineData(PersonalData.Phone, "15158040490", "151****0490")]
    [InlineData(PersonalData.Number, "6217661145901883428", "621766*********3428")]
    [InlineData(PersonalData.Number, "1234567890", "1234567890")]
    [InlineData(PersonalData.Number, "123456789", "*******89")]
    [InlineData(PersonalData.Number, "123456", "****56")]
    [InlineData(PersonalData.Name, "张三", "张*")]
    [InlineData(PersonalData.Name, "名侦探悟空", "名****")]
    [InlineData(PersonalData.Address, "北京市朝阳区xxx街道xxx号", "北京市朝阳区*********")]
    [InlineData(PersonalData.None, "CONTRACT001", "CONTRACT001")]
    public void Masks_as_SPEC_says(PersonalData kind, string value, string masked) =>
        Assert.Equal(masked, Masking.Mask(kind, value));
}

/// <summary>No log line and no audit row holds an unmasked phone number, name, account number or address, nor the API key.</summary>
public sealed class PersonalDataLeakTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private static readonly string[] Secrets = ["13812345678", "张三", "北京市朝阳区xxx街道xxx号", "demo-utility-key", "demo-admin-token", "0123456789abcdeffedcba9876543210"];

    [Fact]
    public async Task Neither_logs_nor_audit_rows_hold_personal_data_in_clear()
    {
        var bank = new Utility.UtilityCaller(factory.CreateClient());
        var encryption = new PayHub.Protocols.Utility.UtilityEncryption(PayHub.Protocols.Crypto.BlockCipherKind.Sm4, PayHub.Protocols.Crypto.BlockChaining.Ecb);
        await bank.SendAsync(Utility.UtilityCaller.CustomerCheck());
        await bank.SendAsync(Utility.UtilityCaller.CustomerCheck(), encryption: encryption);
        await bank.SendAsync(Utility.UtilityCaller.CustomerCheck().Set("customerName", "张三").Set("customerPhone", "13812345678").Set("queryType", "9"));
        await bank.SendAsync(Utility.UtilityCaller.CustomerCheck(), apiKey: "13812345678");

        using var connection = factory.OpenDatabase();
        var audit = Dapper.SqlMapper.Query<string>(connection, "SELECT request || response || caller || sequence_no FROM audit_trail").ToList();
        Assert.True(audit.Count >= 4);
        Assert.Contains(audit, row => row.Contains("\"customerName\":\"张*\"") && row.Contains("\"customerPhone\":\"138****5678\"") && row.Contains("\"billKey\":\"****56\""));
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(audit, row => row.Contains(secret));
            Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(secret));
        }

        Assert.DoesNotContain(audit, row => row.Contains("\"billKey\":\"123456\""));
        Assert.NotEmpty(factory.Logs.Lines);
    }

    [Fact]
    public void Keys_are_stored_only_as_hashes_and_sealed_secrets()
    {
        _ = factory.Services;
        using var connection = factory.OpenDatabase();
        var stored = string.Join("\n", Dapper.SqlMapper.Query<string>(connection,
            "SELECT api_key_hash || api_key_prefix || block_key_sealed || triple_des_key_sealed FROM utility_institutions UNION ALL SELECT token_hash || prefix FROM admin_tokens"));

        Assert.DoesNotContain("demo-utility-key", stored);
        Assert.DoesNotContain("demo-admin-token", stored);
        Assert.DoesNotContain("0123456789abcdef", stored, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("demo-u", stored);
    }
}
