using System.Text.Json;
using System.Text.Json.Serialization;
using PayHub.Hosting;

namespace PayHub.Cli.Calls;

/// <summary>
/// A caller's credentials and test data for each family, as <c>payhub call</c> and <c>payhub conform</c> read them from
/// <c>--profile FILE</c> (JSON; <c>examples/demo-profile.json</c> is the demo's, built into payhub as the default).
/// </summary>
public sealed class CallProfile
{
    public const string DemoResource = "demo-profile.json";

    public string? Url { get; set; }

    public UtilityProfile? Utility { get; set; }

    public DspProfile? Dsp { get; set; }

    public GlobalProfile? Global { get; set; }

    public RiskProfile? Risk { get; set; }

    /// <summary>The profile in <paramref name="path"/>, or the demo's when it is null; a one-line problem when it cannot be read.</summary>
    public static CallProfile Load(string? path)
    {
        try
        {
            if (path is null)
            {
                using var demo = typeof(CallProfile).Assembly.GetManifestResourceStream(DemoResource)!;
                return JsonSerializer.Deserialize(demo, CallProfileJson.Default.CallProfile)!;
            }

            if (!File.Exists(path))
            {
                throw new StartupProblem($"the profile {path} does not exist (see examples/demo-profile.json for its shape).", ExitCodes.Usage);
            }

            return JsonSerializer.Deserialize(File.ReadAllBytes(path), CallProfileJson.Default.CallProfile)
                ?? throw new StartupProblem($"the profile {path} is empty.", ExitCodes.Usage);
        }
        catch (JsonException e)
        {
            throw new StartupProblem($"the profile {path} is not valid: {e.Message}", ExitCodes.Usage);
        }
    }

    /// <summary>The family's section, or a problem naming it.</summary>
    public static T Require<T>(T? section, string family)
        where T : class =>
        section ?? throw new StartupProblem($"the profile has no \"{family}\" section: add the credentials of that family (see examples/demo-profile.json).", ExitCodes.Usage);
}

public sealed class UtilityProfile
{
    public string InstId { get; set; } = "";

    public string ApiKey { get; set; } = "";

    public string DataType { get; set; } = "XML";

    public string Charset { get; set; } = "GBK";

    public string EncryptType { get; set; } = "NONE";

    public string EncryptMode { get; set; } = "ECB";

    /// <summary>The institution's cipher keys in hex, by EncryptType (SM4, AES, 3DES).</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    public string? CompanyId { get; set; }

    public string? BillKey { get; set; }

    public string? ContractNo { get; set; }
}

public sealed class DspProfile
{
    public string ClientId { get; set; } = "";

    public string Secret { get; set; } = "";

    public string? BankCode { get; set; }

    public string CommandCode { get; set; } = "9108Auth";

    /// <summary>The code the channel sends in a sandbox (a fixed code); without it, step 02 cases are not run.</summary>
    public string? SmsCode { get; set; }
}

public sealed class GlobalProfile
{
    public string ClientId { get; set; } = "";

    public int KeyVersion { get; set; } = 1;

    public string ClientPrivateKeyPem { get; set; } = "";

    public string ServerPublicKeyPem { get; set; } = "";

    public string PathPrefix { get; set; } = "/amsin/api/v1";

    public string? AccountType { get; set; }

    public string? ReferenceCustomerId { get; set; }
}

public sealed class RiskProfile
{
    public string AccessId { get; set; } = "";

    public string Secret { get; set; } = "";

    public string? MercNum { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(CallProfile))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class CallProfileJson : JsonSerializerContext;
