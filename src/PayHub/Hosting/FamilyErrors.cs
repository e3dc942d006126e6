namespace PayHub.Hosting;

/// <summary>
/// Turns an exception that escaped a handler into the family's system-error answer; the details
/// go to the log only. Outside the families, an RFC 9457 problem with status 500.
/// </summary>
public sealed partial class FamilyErrors(RequestDelegate next, IEnumerable<IFamilyErrorAnswer> answers, ILogger<FamilyErrors> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
#pragma warning disable CA1031 // this is the last line: every failure becomes the family's own answer
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogUnhandled(logger, e, context.Request.Path, context.TraceIdentifier);
            if (context.Response.HasStarted)
            {
                throw;
            }

            context.Response.Clear();
            context.Response.Headers[RequestIds.Header] = context.TraceIdentifier;
            var answer = answers.FirstOrDefault(a => a.PathPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.Ordinal)));
            if (answer is not null)
            {
                await answer.WriteAsync(context);
                return;
            }

            await Results.Problem(statusCode: 500, title: "Internal error", detail: "See the server log for request " + context.TraceIdentifier)
                .ExecuteAsync(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure on {Path} (request {RequestId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path, string requestId);
}
