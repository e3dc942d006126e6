using System.Text.Json;
using PayHub.Protocols.RiskCases;

namespace PayHub.Protocols.Tests.RiskCases;

/// <summary>The MD5 sign against the vectors of an independent implementation ("risk_md5").</summary>
public sealed class RiskSignVectorTests
{
    public static TheoryData<int> VectorIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Vectors.Signing.GetProperty("risk_md5").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Reproduces_the_string_to_sign_and_the_sign(int index)
    {
        var vector = Vectors.Signing.GetProperty("risk_md5")[index];
        var parameters = vector.GetProperty("params");
        var secret = vector.GetProperty("secret").GetString()!;

        Assert.Equal(vector.GetProperty("string_to_sign").GetString(), RiskSign.StringToSign(parameters, secret));
        Assert.Equal(vector.GetProperty("sign").GetString(), RiskSign.Sign(parameters, secret));
    }

    [Fact]
    public void Verifies_in_any_case_and_refuses_a_changed_value_or_a_missing_sign()
    {
        var vector = Vectors.Signing.GetProperty("risk_md5")[1];
        var signed = vector.GetProperty("params").Clone();
        var withSign = With(signed, "sign", vector.GetProperty("sign").GetString()!.ToLowerInvariant());
        var changed = With(With(signed, "page", 2), "sign", vector.GetProperty("sign").GetString()!);

        Assert.True(RiskSign.Verify(withSign, "demo-risk-secret"));
        Assert.False(RiskSign.Verify(withSign, "another-secret"));
        Assert.False(RiskSign.Verify(changed, "demo-risk-secret"));
        Assert.False(RiskSign.Verify(signed, "demo-risk-secret"));
    }

    [Fact]
    public void Null_and_empty_values_and_empty_objects_are_left_out()
    {
        using var document = JsonDocument.Parse("""{"b":"","a":null,"c":{},"d":[],"e":0,"f":false,"sign":"X"}""");

        Assert.Equal("e=0&f=false&key=s", RiskSign.StringToSign(document.RootElement, "s"));
    }

    private static JsonElement With(JsonElement element, string name, object value)
    {
        var dictionary = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(element.GetRawText())!;
        dictionary[name] = JsonSerializer.SerializeToElement(value);
        return JsonSerializer.SerializeToElement(dictionary);
    }
}
