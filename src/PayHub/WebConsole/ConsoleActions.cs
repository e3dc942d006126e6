using System.Text.Json;
using System.Text.Json.Nodes;
using PayHub.WebConsole.Pages;

namespace PayHub.WebConsole;

/// <summary>
/// Every change the console makes: a form posts to <c>/console/do/{admin endpoint name}</c> with its fields named
/// <c>route.X</c> (the route's values), <c>query.X</c> and <c>body.X</c> (the JSON body; <c>body.X:int</c>,
/// <c>:bool</c>, <c>:list</c> for space-separated words, <c>:json</c>), and <c>back</c>, the page to return to. The
/// admin handler answers; a refusal is shown with the admin API's own words, a secret issued is shown once.
/// </summary>
public static class ConsoleActions
{
    private static readonly string[] SecretFields = ["apiKey", "secret", "authCode", "accessToken"];

    public static RouteGroupBuilder MapConsoleActions(this RouteGroupBuilder console)
    {
        console.MapPost("/do/{name}", async (HttpContext http, string name) =>
        {
            if (AdminCalls.Find(http, name) is null)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Result(http, "No such action", null, "The console has no action " + name + ".", "/console");
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var back = ConsoleEndpoints.LocalConsolePath(form["back"].ToString());
            var route = new Dictionary<string, string>(StringComparer.Ordinal);
            var query = new List<string>();
            JsonObject? body = null;
            foreach (var (key, values) in form)
            {
                var value = values.ToString().Trim();
                if (key.StartsWith("route.", StringComparison.Ordinal))
                {
                    route[key[6..]] = value;
                }
                else if (key.StartsWith("query.", StringComparison.Ordinal) && value.Length > 0)
                {
                    query.Add(Uri.EscapeDataString(key[6..]) + "=" + Uri.EscapeDataString(value));
                }
                else if (key.StartsWith("body.", StringComparison.Ordinal))
                {
                    body ??= [];
                    var (field, type) = key[5..].Split(':') is [var f, var t] ? (f, t) : (key[5..], "text");
                    if (value.Length == 0)
                    {
                        continue;
                    }

                    try
                    {
                        body[field] = Field(value, type);
                    }
                    catch (JsonException)
                    {
                        http.Response.StatusCode = StatusCodes.Status400BadRequest;
                        return Result(http, "Not valid JSON", null, $"The field {field} must be JSON.", back);
                    }
                }
            }

            var answer = await AdminCalls.CallAsync(http, name, route, string.Join('&', query), body?.ToJsonString());
            if (!answer.Succeeded)
            {
                http.Response.StatusCode = answer.Status;
                return Result(http, "The change was refused", answer.Json, answer.Json is null ? answer.Text : null, back);
            }

            if (answer.Json is { ValueKind: JsonValueKind.Object } issued && SecretFields.Any(f => issued.TryGetProperty(f, out _)))
            {
                return Result(http, "Shown once: copy it now", issued, "PayHub keeps only a hash or a sealed copy: this page is the only time it is shown.", back);
            }

            return ConsoleEndpoints.Done(back, form["what"].ToString() is { Length: > 0 } what ? what : "Done.");
        });
        return console;
    }

    private static JsonNode? Field(string value, string type) => type switch
    {
        "int" => long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(value),
        "bool" => JsonValue.Create(value is "true" or "on" or "yes"),
        "list" => new JsonArray([.. value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => (JsonNode)JsonValue.Create(word))]),
        "json" => JsonNode.Parse(value),
        _ => JsonValue.Create(value),
    };

    private static IResult Result(HttpContext http, string title, JsonElement? json, string? text, string back) =>
        ConsoleEndpoints.Page<ActionResult>(http, new() { ["Heading"] = title, ["Json"] = json, ["Text"] = text, ["Back"] = back });
}
