using System.Text.Json;

namespace PayHub.Admin;

/// <summary>
/// The admin API's answer to a body it cannot bind, as an RFC 9457 problem that says what is wrong and
/// where: malformed JSON or a value of the wrong type names the field and its position (line, byte);
/// a missing or wrong Content-Type says which one is wanted. Minimal APIs throw these failures
/// (<see cref="RouteHandlerOptions.ThrowOnBadRequest"/>) instead of answering a bare 400/415.
/// </summary>
public sealed class AdminBodyProblems(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType && !context.Response.HasStarted)
            {
                await Problem(new BadHttpRequestException("Unsupported Media Type", StatusCodes.Status415UnsupportedMediaType)).ExecuteAsync(context);
            }
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.Headers[Hosting.RequestIds.Header] = context.TraceIdentifier;
            await Problem(e).ExecuteAsync(context);
        }
    }

    private static IResult Problem(BadHttpRequestException e)
    {
        if (e.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Content-Type must be application/json",
                detail: "Send the body as JSON with Content-Type: application/json.");
        }

        if (e.InnerException is JsonException json)
        {
            var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            var where = json.LineNumber is { } line ? $" at line {line + 1}, byte {json.BytePositionInLine + 1}" : "";
            var what = json.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd();
            var detail = field is null ? $"The body is not valid JSON{where}: {what}" : $"Field '{field}'{where}: {Plain(what)}";
            return field is null
                ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not valid JSON", detail: detail)
                : TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [detail] }, title: "Some fields are not valid", detail: detail);
        }

        return TypedResults.Problem(statusCode: e.StatusCode, title: "The request is not valid", detail: e.Message);
    }

    /// <summary>System.Text.Json's "could not be converted to &lt;the enclosing type&gt;" in the API's own words.</summary>
    private static string Plain(string message) =>
        message.Contains("could not be converted to", StringComparison.Ordinal) && !message.Contains("U+0000", StringComparison.Ordinal)
            ? "the value is not of the field's type (a string, a number, true/false, an array or an object, as documented)"
            : message;
}
