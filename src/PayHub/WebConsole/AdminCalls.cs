using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PayHub.WebConsole;

/// <summary>What an admin API handler answered: its status and, when it answered JSON, the JSON.</summary>
public sealed record AdminAnswer(int Status, JsonElement? Json, string Text, string ContentType)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>
/// The console reads and changes through the admin API's own handlers, called in process by their endpoint names:
/// the same validation, the same effects, the same views, and no second implementation of any of them. The console's
/// access rules (session, anti-forgery, role) were checked before; the handler runs as it would for a bearer token.
/// </summary>
public static partial class AdminCalls
{
    public static async Task<AdminAnswer> CallAsync(
        HttpContext http, string endpointName, IReadOnlyDictionary<string, string>? route = null, string? query = null, string? jsonBody = null)
    {
        var endpoint = Find(http, endpointName)
            ?? throw new InvalidOperationException("no admin endpoint is named " + endpointName);
        var call = new DefaultHttpContext { RequestServices = http.RequestServices, TraceIdentifier = http.TraceIdentifier };
        call.Request.Method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? HttpMethods.Get;
        call.Request.Scheme = http.Request.Scheme;
        call.Request.Host = http.Request.Host;
        call.Request.Path = Path(endpoint.RoutePattern.RawText ?? "", route);
        call.Request.QueryString = string.IsNullOrEmpty(query) ? QueryString.Empty : new QueryString("?" + query.TrimStart('?'));
        foreach (var (name, value) in route ?? new Dictionary<string, string>())
        {
            call.Request.RouteValues[name] = value;
        }

        if (jsonBody is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(jsonBody);
            call.Request.Body = new MemoryStream(bytes);
            call.Request.ContentType = "application/json";
            call.Request.ContentLength = bytes.Length;
            call.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new HasBody());
        }

        using var answer = new MemoryStream();
        call.Response.Body = answer;
        call.SetEndpoint(endpoint);
        try
        {
            await endpoint.RequestDelegate!(call);
        }
        catch (BadHttpRequestException bad)
        {
            return new AdminAnswer(StatusCodes.Status400BadRequest, null, bad.Message, "text/plain");
        }

        var text = Encoding.UTF8.GetString(answer.ToArray());
        var contentType = call.Response.ContentType ?? "";
        JsonElement? json = contentType.Contains("json", StringComparison.OrdinalIgnoreCase) && text.Length > 0
            ? JsonDocument.Parse(text).RootElement.Clone()
            : null;
        return new AdminAnswer(call.Response.StatusCode, json, text, contentType);
    }

    /// <summary>What an admin list or view answered; null when it answered no JSON (a 404 shows as nothing found).</summary>
    public static async Task<JsonElement?> ReadAsync(HttpContext http, string endpointName, Dictionary<string, string>? route = null, string? query = null) =>
        await AdminCalls.CallAsync(http, endpointName, route, query) is { Succeeded: true, Json: { } json } ? json : null;

    /// <summary>The admin endpoint of that name; null when there is none (or it is not under <c>/admin</c>).</summary>
    public static RouteEndpoint? Find(HttpContext http, string endpointName) =>
        http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .FirstOrDefault(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == endpointName
                && (e.RoutePattern.RawText ?? "").StartsWith("/admin/", StringComparison.Ordinal));

    private static string Path(string template, IReadOnlyDictionary<string, string>? route) =>
        RouteParameter().Replace(template, match =>
            route is not null && route.TryGetValue(match.Groups[1].Value, out var value) ? Uri.EscapeDataString(value) : match.Value);

    /// <summary>Tells the handler's body binding that this request has a body (a server connection's feature says so; a made-up context has none).</summary>
    private sealed class HasBody : Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    [GeneratedRegex(@"\{([A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
