namespace PayHub.Admin;

/// <summary>
/// The admin API under <c>/admin</c>: bearer-token authentication for the whole prefix, RFC 9457
/// problems for every error. Each family adds its resources to the group this returns.
/// </summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/admin").WithTags("Administration").WithGroupName(Hosting.ApiDocuments.Admin);

    /// <summary>Refuses any /admin request without a valid <c>Authorization: Bearer</c> token, before its body is read.</summary>
    /// <summary>
    /// Every <c>/admin</c> request needs a valid bearer token; a read-only token may only read (GET, HEAD: 403 for the
    /// rest). A change (any method but GET and HEAD) and every refused
    /// token go into the journal (family <c>admin</c>, the route as the operation, the token's label as the caller), so
    /// an operator's changes have a history; reads do not, or the console reading the journal would fill it.
    /// </summary>
    public static IApplicationBuilder UseAdminAuthentication(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/admin", StringComparison.Ordinal)
                || context.Request.Path.Equals(Telemetry.TelemetrySetup.MetricsPath, StringComparison.Ordinal),
            branch => branch.Use(async (context, next) =>
            {
                var clock = context.RequestServices.GetRequiredService<TimeProvider>();
                var started = clock.GetTimestamp();
                var header = context.Request.Headers.Authorization.ToString();
                var tokens = context.RequestServices.GetRequiredService<AdminTokens>();
                var caller = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? await tokens.CallerOfAsync(header[7..].Trim()) : null;
                var changes = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
                if (caller is not null && changes && !caller.MayChange)
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await JournalAsync(context, caller.Label, clock.GetElapsedTime(started), "admin-role", "a read-only admin token may read, not change");
                    await Results.Problem(
                            statusCode: StatusCodes.Status403Forbidden,
                            title: "Read-only admin token",
                            detail: "This token may read through the admin API, not change anything; use a full admin token.")
                        .ExecuteAsync(context);
                    return;
                }

                if (caller is not null)
                {
                    if (changes)
                    {
                        // Written before the answer's first byte goes out: whoever sees the answer finds the entry.
                        context.Response.OnStarting(() => JournalAsync(context, caller.Label, clock.GetElapsedTime(started), "", ""));
                    }

                    await next(context);
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await JournalAsync(context, "-", clock.GetElapsedTime(started), "admin-token", header.Length == 0 ? "no Authorization header" : "the bearer token is not an admin token of this database");
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Results.Problem(
                        statusCode: StatusCodes.Status401Unauthorized,
                        title: "Admin token missing or not valid",
                        detail: "Send Authorization: Bearer <admin token>.")
                    .ExecuteAsync(context);
            }));

    /// <summary>Writes an operator's request into the journal: family <c>admin</c>, the route as the operation, the token's label as the caller.</summary>
    /// <remarks>The operation is the method and the route's pattern, unless the caller names it (<paramref name="operation"/>).</remarks>
    public static Task JournalAsync(HttpContext context, string caller, TimeSpan elapsed, string refusedBy, string diagnosis, string? operation = null)
    {
        var status = context.Response.StatusCode;
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        var journal = context.RequestServices.GetRequiredService<Audit.Journal>();
        return context.RequestServices.GetRequiredService<Audit.AuditRecorder>().RecordAsync(new Audit.AuditEntry(
            "admin",
            operation ?? $"{context.Request.Method} {route}",
            caller,
            "",
            status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (long)elapsed.TotalMilliseconds,
            context.TraceIdentifier,
            "",
            "")
        {
            Status = status,
            Refused = status >= 400,
            Node = journal.Node,
            RefusedBy = refusedBy.Length > 0 ? refusedBy : status >= 400 ? "admin" : "",
            Diagnosis = diagnosis,
        });
    }

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

    /// <summary>The longest overlap window a rotated key or secret may have: 7 days.</summary>
    public const int MaxOverlapSeconds = 7 * 24 * 3600;

    /// <summary>
    /// The end of a rotation's overlap window (<c>?overlapSeconds=N</c>: the replaced key or secret works N seconds
    /// more); null for none. A number out of range is an error named <c>overlapSeconds</c>.
    /// </summary>
    public static DateTimeOffset? OverlapUntil(Dictionary<string, string[]> errors, int? overlapSeconds, TimeProvider clock)
    {
        if (overlapSeconds is < 0 or > MaxOverlapSeconds)
        {
            errors["overlapSeconds"] = [$"0 to {MaxOverlapSeconds} seconds (7 days)"];
            return null;
        }

        return overlapSeconds is > 0 ? clock.GetUtcNow().AddSeconds(overlapSeconds.Value) : null;
    }

    /// <summary>A 400 problem listing every invalid field, or null when there is none.</summary>
    public static IResult? Invalid(Dictionary<string, string[]> errors) =>
        errors.Count == 0 ? null : TypedResults.ValidationProblem(errors, title: "Some fields are not valid");
}
