using System.CommandLine;
using PayHub.Hosting;

namespace PayHub.Cli.Calls;

/// <summary>
/// Credentials given as options instead of (or on top of) the profile's: each sets one entry of the family's section,
/// creating the section when the profile has none.
/// </summary>
public sealed class CredentialOptions
{
    private readonly Option<string?> _instId = new("--inst-id") { Description = "utility: the institution's InstId" };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = "utility: the institution's X-API-Key" };
    private readonly Option<string?> _cipherKey = new("--cipher-key") { Description = "utility: the cipher key (hex) of the EncryptType in use" };
    private readonly Option<string?> _clientId = new("--client-id") { Description = "dsp: the X-DSP-Client; global: the Client-Id" };
    private readonly Option<string?> _secret = new("--secret") { Description = "dsp: the front-end's HMAC secret; risk: the agent's sign secret" };
    private readonly Option<string?> _accessId = new("--access-id") { Description = "risk: the agent's accessid" };
    private readonly Option<string?> _privateKey = new("--private-key") { Description = "global: a PEM file with the client's RSA private key" };
    private readonly Option<string?> _serverKey = new("--server-key") { Description = "global: a PEM file with the server's RSA public key, that answers are verified with" };
    private readonly Option<int?> _keyVersion = new("--key-version") { Description = "global: the keyVersion of the client's key" };

    public IEnumerable<Option> All => [_instId, _apiKey, _cipherKey, _clientId, _secret, _accessId, _privateKey, _serverKey, _keyVersion];

    /// <summary>Sets what the command line gave on <paramref name="profile"/>, for <paramref name="encryptType"/> the cipher key's type.</summary>
    public void Apply(ParseResult parse, CallProfile profile, string? encryptType)
    {
        if (Any(parse, _instId, _apiKey, _cipherKey))
        {
            var utility = profile.Utility ??= new UtilityProfile();
            utility.InstId = parse.GetValue(_instId) ?? utility.InstId;
            utility.ApiKey = parse.GetValue(_apiKey) ?? utility.ApiKey;
            if (parse.GetValue(_cipherKey) is { } key)
            {
                utility.Keys[(encryptType ?? utility.EncryptType).Split('/')[0].ToUpperInvariant()] = key;
            }
        }

        if (Any(parse, _clientId, _secret))
        {
            var dsp = profile.Dsp ??= new DspProfile();
            dsp.ClientId = parse.GetValue(_clientId) ?? dsp.ClientId;
            dsp.Secret = parse.GetValue(_secret) ?? dsp.Secret;
        }

        if (Any(parse, _clientId, _privateKey, _serverKey) || parse.GetValue(_keyVersion) is not null)
        {
            var global = profile.Global ??= new GlobalProfile();
            global.ClientId = parse.GetValue(_clientId) ?? global.ClientId;
            global.ClientPrivateKeyPem = Read(parse.GetValue(_privateKey), "--private-key") ?? global.ClientPrivateKeyPem;
            global.ServerPublicKeyPem = Read(parse.GetValue(_serverKey), "--server-key") ?? global.ServerPublicKeyPem;
            global.KeyVersion = parse.GetValue(_keyVersion) ?? global.KeyVersion;
        }

        if (Any(parse, _accessId, _secret))
        {
            var risk = profile.Risk ??= new RiskProfile();
            risk.AccessId = parse.GetValue(_accessId) ?? risk.AccessId;
            risk.Secret = parse.GetValue(_secret) ?? risk.Secret;
        }
    }

    private static bool Any(ParseResult parse, params Option<string?>[] options) => options.Any(o => parse.GetValue(o) is not null);

    private static string? Read(string? file, string option) =>
        file is null ? null
        : File.Exists(file) ? File.ReadAllText(file)
        : throw new StartupProblem($"{option} {file}: no such file.", ExitCodes.Usage);
}
