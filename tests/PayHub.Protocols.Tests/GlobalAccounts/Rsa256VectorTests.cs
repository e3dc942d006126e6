using System.Security.Cryptography;
using System.Text;
using PayHub.Protocols.GlobalAccounts;

namespace PayHub.Protocols.Tests.GlobalAccounts;

/// <summary>RSA256 against the vectors: the request signatures of "worldfirst_rsa256" byte for byte, and a real Antom sandbox response signature.</summary>
public sealed class Rsa256VectorTests
{
    private static RSA Key(string pem)
    {
        var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(Vectors.PathOf("worldfirst/" + pem)));
        return key;
    }

    public static TheoryData<int> RequestVectors()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Vectors.Signing.GetProperty("worldfirst_rsa256").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RequestVectors))]
    public void Reproduces_the_request_signature_byte_for_byte(int index)
    {
        var vector = Vectors.Signing.GetProperty("worldfirst_rsa256")[index];
        using var client = Key("demo-client-private.pem");
        using var clientPublic = Key("demo-client-public.pem");
        var body = Encoding.UTF8.GetBytes(vector.GetProperty("body").GetString()!);

        var content = Rsa256Signature.Content(vector.GetProperty("method").GetString()!, vector.GetProperty("uri").GetString()!,
            vector.GetProperty("client_id").GetString()!, vector.GetProperty("request_time").GetString()!, body);
        var header = SignatureHeader.Rsa256(1, Rsa256Signature.Sign(client, content)).ToString();

        Assert.Equal(vector.GetProperty("content_to_sign").GetString(), Encoding.UTF8.GetString(content));
        Assert.Equal(vector.GetProperty("signature_header").GetString(), header);
        Assert.True(Rsa256Signature.Verify(clientPublic, content, SignatureHeader.Parse(header)!.Signature));
    }

    [Fact]
    public void Verifies_a_real_Antom_sandbox_response_signature_and_refuses_a_changed_body()
    {
        using var antom = Key("antom-sandbox-public.pem");
        var body = File.ReadAllBytes(Vectors.PathOf("worldfirst/antom-response-body.json"));
        var signature = File.ReadAllText(Vectors.PathOf("worldfirst/antom-response-signature.txt")).Trim();
        var content = Rsa256Signature.Content("POST", "/ams/sandbox/api/v1/payments/pay", "SANDBOX_5YEV2N2ZV8LC00920", "2025-05-19T01:52:32Z", body);

        Assert.True(Rsa256Signature.Verify(antom, content, signature));
        Assert.True(Rsa256Signature.Verify(antom, content, signature.Replace("%2F", "%2f", StringComparison.Ordinal)));
        body[^3] ^= 1;
        Assert.False(Rsa256Signature.Verify(antom, Rsa256Signature.Content("POST", "/ams/sandbox/api/v1/payments/pay", "SANDBOX_5YEV2N2ZV8LC00920", "2025-05-19T01:52:32Z", body), signature));
    }

    [Fact]
    public void A_plus_in_the_signature_stays_a_plus_and_garbage_does_not_verify()
    {
        using var client = Key("demo-client-private.pem");
        // Find a content whose base64 signature holds a '+' (signatures are deterministic).
        var (content, raw) = Enumerable.Range(0, 100)
            .Select(i => Encoding.UTF8.GetBytes($"POST /x\nC.{i}."))
            .Select(c => (c, Uri.UnescapeDataString(Rsa256Signature.Sign(client, c))))
            .First(p => p.Item2.Contains('+', StringComparison.Ordinal));

        Assert.True(Rsa256Signature.Verify(client, content, raw));
        Assert.False(Rsa256Signature.Verify(client, content, raw.Replace('+', ' ')));
        Assert.False(Rsa256Signature.Verify(client, content, "not base64 at all!"));
        Assert.False(Rsa256Signature.Verify(client, content, ""));
    }

    [Theory]
    [InlineData("algorithm=RSA256,keyVersion=1,signature=abc", 1, "abc")]
    [InlineData(" Algorithm = rsa256 , KEYVERSION = 2 , Signature = a%2Bb ", 2, "a%2Bb")]
    [InlineData("signature=xyz,algorithm=RSA256,keyVersion=10", 10, "xyz")]
    public void Reads_the_Signature_header_tolerantly(string header, int keyVersion, string signature)
    {
        var parsed = SignatureHeader.Parse(header);

        Assert.Equal((keyVersion, signature), (parsed!.KeyVersion, parsed.Signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("algorithm=RSA256,keyVersion=1")]
    [InlineData("algorithm=HMAC,keyVersion=1,signature=abc")]
    [InlineData("algorithm=RSA256,keyVersion=one,signature=abc")]
    [InlineData("algorithm=RSA256,keyVersion=0,signature=abc")]
    [InlineData("RSA256 abc")]
    public void Refuses_a_Signature_header_that_is_not_RSA256_with_a_key_version(string? header) => Assert.Null(SignatureHeader.Parse(header));

    [Fact]
    public void Writes_the_header_in_the_layout_official_clients_split()
    {
        var parts = SignatureHeader.Rsa256(1, "s%2Fig").ToString().Split(',');

        Assert.Equal(["algorithm=RSA256", "keyVersion=1", "signature=s%2Fig"], parts);
    }

    [Theory]
    [InlineData("2026-11-23T10:00:00+08:00", "2026-11-23T02:00:00Z")]
    [InlineData("2026-11-23T02:00:00Z", "2026-11-23T02:00:00Z")]
    [InlineData("1795399200000", "2026-11-23T02:00:00Z")]
    [InlineData("2026-11-23T02:00:00.1234567Z", "2026-11-23T02:00:00.1234567Z")] // .NET client: DateTime.UtcNow.ToString("o")
    [InlineData("2026-11-23T02:00:00+00:00", "2026-11-23T02:00:00Z")] // Python client: datetime.isoformat()
    [InlineData("2026-11-23T02:00:00+0000", "2026-11-23T02:00:00Z")] // PHP client: date(DATE_ISO8601)
    [InlineData("2026-11-23T10:00:00+0800", "2026-11-23T02:00:00Z")] // PHP client under a China time zone
    [InlineData("2026-11-22T21:30:00-0430", "2026-11-23T02:00:00Z")]
    public void Reads_every_Request_Time_form_of_the_official_clients(string text, string utc)
    {
        Assert.True(RequestTime.TryParse(text, out var instant));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), instant);
    }

    [Theory]
    [InlineData("2026-11-23T10:00:00")]
    [InlineData("yesterday")]
    [InlineData("12345")]
    [InlineData("2026-11-23T10:00:00+08")]
    [InlineData("2026-11-23T10:00:00 0800")]
    [InlineData("")]
    public void Refuses_a_Request_Time_that_names_no_instant(string text) => Assert.False(RequestTime.TryParse(text, out _));

    [Fact]
    public void Writes_times_in_China_Standard_Time() =>
        Assert.Equal("2026-11-23T10:00:00+08:00", RequestTime.Format(DateTimeOffset.Parse("2026-11-23T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
}
