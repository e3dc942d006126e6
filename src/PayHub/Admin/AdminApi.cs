namespace PayHub.Admin;

/// <summary>
/// The admin API under <c>/admin</c>: bearer-token authentication for the whole prefix, RFC 9457
/// problems for every error. Each family adds its resources to the group this returns.
/// </summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/admin").WithTags("Administration");

    /// <summary>Refuses any /admin request without a valid <c>Authorization: Bearer</c> token, before its body is read.</summary>
    public static IApplicationBuilder UseAdminAuthentication(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/admin", StringComparison.Ordinal),
            branch => branch.Use(async (context, next) =>
            {
                var header = context.Request.Headers.Authorization.ToString();
                var tokens = context.RequestServices.GetRequiredService<AdminTokens>();
                if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && await tokens.IsValidAsync(header[7..].Trim()))
                {
                    await next(context);
                    return;
                }

                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Results.Problem(
                        statusCode: StatusCodes.Status401Unauthorized,
                        title: "Admin token missing or not valid",
                        detail: "Send Authorization: Bearer <admin token>.")
                    .ExecuteAsync(context);
            }));

    public static IResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what);

    public static IResult Conflict(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: what);

    /// <summary>The rule every display name follows: 1 to 100 characters, not only spaces.</summary>
    public static void CheckName(Dictionary<string, string[]> errors, string? name, string field = "name")
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            errors[field] = ["1 to 100 characters"];
        }
    }

    /// <summary>The rule every per-caller rate limit follows: a positive number of requests a second, or null for none.</summary>
    public static void CheckRateLimit(Dictionary<string, string[]> errors, int? perSecond)
    {
        if (perSecond is <= 0)
        {
            errors["rateLimitPerSecond"] = ["a positive number, or null for no limit"];
        }
    }

    /// <summary>A 400 problem listing every invalid field, or null when there is none.</summary>
    public static IResult? Invalid(Dictionary<string, string[]> errors) =>
        errors.Count == 0 ? null : TypedResults.ValidationProblem(errors, title: "Some fields are not valid");
}
