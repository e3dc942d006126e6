using System.Globalization;
using System.Text.Json;
using PayHub.Client.RiskCases;
using PayHub.Hosting;

namespace PayHub.Cli.Calls;

/// <summary><c>payhub call risk query|reply</c>: fields from a file (examples/risk-cases) and <c>--field</c>, signed as the profile's agent.</summary>
public static class RiskCasesCall
{
    private static readonly Dictionary<string, string> Paths = new(StringComparer.OrdinalIgnoreCase) { ["query"] = "/case/query", ["reply"] = "/case/reply" };

    /// <summary>What the client adds and signs itself: a file's own are dropped.</summary>
    private static readonly HashSet<string> Signing = ["accessid", "timestamp", "sign"];

    public static async Task<int> RunAsync(CallRequest call, CancellationToken cancellationToken)
    {
        var profile = CallProfile.Require(call.Profile.Risk, "risk");
        var path = Paths.GetValueOrDefault(call.Operation)
            ?? (call.Operation.StartsWith('/') ? call.Operation : throw new StartupProblem($"risk operation {call.Operation}: query or reply, or a path after /risk starting with /.", ExitCodes.Usage));
        var fields = new List<KeyValuePair<string, object?>>();
        foreach (var (name, value) in FileFields(call).Concat(call.Fields.Select(f => new KeyValuePair<string, object?>(f.Key, Typed(f.Key, f.Value)))))
        {
            fields.RemoveAll(f => f.Key == name);
            if (!Signing.Contains(name))
            {
                fields.Add(new(name, value));
            }
        }

        var options = new RiskCaseClientOptions { BaseAddress = call.Url, AccessId = profile.AccessId, Secret = profile.Secret, Explain = call.Explainer, Clock = call.Clock };
        using var http = new HttpClient();
        var (answer, json) = await new RiskCaseClient(http, options).SendAsync(path, fields, cancellationToken);
        call.AnswerHeading();
        call.Out.WriteLine(json);
        return answer.IsSuccess ? ExitCodes.Success : ExitCodes.Refused;
    }

    /// <summary><c>page</c> and <c>rows</c> are numbers on this wire; every other field is a string.</summary>
    private static object Typed(string name, string value) =>
        name is "page" or "rows" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : value;

    private static IEnumerable<KeyValuePair<string, object?>> FileFields(CallRequest call)
    {
        if (call.FileBytes() is not { } bytes)
        {
            yield break;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new StartupProblem($"the request file {call.File} is not JSON: {e.Message}", ExitCodes.Usage);
        }

        using (document)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                yield return new(property.Name, property.Value.ValueKind switch
                {
                    JsonValueKind.Number when property.Value.TryGetInt64(out var number) => number,
                    JsonValueKind.String => property.Value.GetString(),
                    _ => property.Value.GetRawText(),
                });
            }
        }
    }
}
