using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PayHub.Client.GlobalAccounts;
using PayHub.Hosting;

namespace PayHub.Cli.Calls;

/// <summary><c>payhub call global OPERATION</c>: a JSON body from a file (examples/global-accounts) and <c>--field</c>, signed as the profile's client, its answer verified.</summary>
public static class GlobalAccountsCall
{
    private static readonly Dictionary<string, string> Paths = new(StringComparer.OrdinalIgnoreCase)
    {
        ["inquiryAccount"] = "/business/account/inquiryAccount",
        ["inquiryBalance"] = "/business/account/inquiryBalance",
        ["applyToken"] = "/authorizations/applyToken",
    };

    public static async Task<int> RunAsync(CallRequest call, CancellationToken cancellationToken)
    {
        var profile = CallProfile.Require(call.Profile.Global, "global");
        var path = Paths.GetValueOrDefault(call.Operation)
            ?? (call.Operation.StartsWith('/') ? call.Operation : throw new StartupProblem($"global operation {call.Operation}: one of {string.Join(", ", Paths.Keys)}, or a path after the prefix starting with /.", ExitCodes.Usage));
        var body = Body(call);
        var options = new GlobalAccountsClientOptions
        {
            BaseAddress = call.Url,
            ClientId = profile.ClientId,
            KeyVersion = profile.KeyVersion,
            ClientPrivateKeyPem = profile.ClientPrivateKeyPem,
            ServerPublicKeyPem = profile.ServerPublicKeyPem,
            PathPrefix = profile.PathPrefix,
            Explain = call.Explainer,
            Clock = call.Clock,
        };
        using var http = new HttpClient();
        var answer = await new GlobalAccountsClient(http, options).SendAsync(path, body, call.Headers, cancellationToken);
        call.AnswerHeading();
        call.Out.WriteLine(answer.Json);
        return answer.IsSuccess ? ExitCodes.Success : ExitCodes.Refused;
    }

    /// <summary>The file's object with each <c>--field</c> set on it: a value written as a JSON array or object is taken as JSON, anything else as a string.</summary>
    private static byte[] Body(CallRequest call)
    {
        if (call.Fields.Count == 0 && call.FileBytes() is { } asIs)
        {
            return asIs; // sent byte for byte, as a file a client wrote
        }

        JsonObject body;
        try
        {
            body = call.FileBytes() is { } bytes ? JsonNode.Parse(bytes) as JsonObject ?? throw new JsonException("not an object") : [];
        }
        catch (JsonException e)
        {
            throw new StartupProblem($"the request file {call.File} is not a JSON object: {e.Message}", ExitCodes.Usage);
        }

        foreach (var (name, value) in call.Fields)
        {
            body[name] = value.TrimStart() is ['[' or '{', ..] ? JsonNode.Parse(value) : JsonValue.Create(value);
        }

        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }
}
