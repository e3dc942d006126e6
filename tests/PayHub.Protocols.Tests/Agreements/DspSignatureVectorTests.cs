using System.Text;
using PayHub.Protocols.Agreements;

namespace PayHub.Protocols.Tests.Agreements;

/// <summary>The caller signature against the vectors of an independent implementation ("dsp_hmac_sha256").</summary>
public sealed class DspSignatureVectorTests
{
    public static TheoryData<int> VectorIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Vectors.Signing.GetProperty("dsp_hmac_sha256").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Computes_and_verifies_the_vector(int index)
    {
        var vector = Vectors.Signing.GetProperty("dsp_hmac_sha256")[index];
        var body = Encoding.UTF8.GetBytes(vector.GetProperty("body_utf8").GetString()!);
        var secret = vector.GetProperty("secret").GetString()!;
        var expected = vector.GetProperty("signature_hex").GetString()!;

        Assert.Equal(expected, DspSignature.Compute(secret, body));
        Assert.True(DspSignature.Verify(Encoding.UTF8.GetBytes(secret), body, expected));
        Assert.True(DspSignature.Verify(Encoding.UTF8.GetBytes(secret), body, expected.ToUpperInvariant()));
    }

    [Fact]
    public void Refuses_a_changed_body_a_wrong_secret_and_malformed_signatures()
    {
        var vector = Vectors.Signing.GetProperty("dsp_hmac_sha256")[0];
        var body = Encoding.UTF8.GetBytes(vector.GetProperty("body_utf8").GetString()!);
        var signature = vector.GetProperty("signature_hex").GetString()!;
        var secret = Encoding.UTF8.GetBytes(vector.GetProperty("secret").GetString()!);
        var changed = (byte[])body.Clone();
        changed[^2] ^= 1;

        Assert.False(DspSignature.Verify(secret, changed, signature));
        Assert.False(DspSignature.Verify("other-secret"u8, body, signature));
        Assert.False(DspSignature.Verify(secret, body, signature[..62]));
        Assert.False(DspSignature.Verify(secret, body, "zz" + signature[2..]));
        Assert.False(DspSignature.Verify(secret, body, ""));
    }
}
