namespace PayHub.Utility;

/// <summary>
/// The bytes of a utility answer with its status and Content-Type; adds <c>X-Response-Time</c>,
/// the server's time spent in whole milliseconds.
/// </summary>
public sealed class UtilityReply(int statusCode, string contentType, byte[] body, long startedAt, TimeProvider clock) : IResult
{
    public int StatusCode => statusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        var elapsed = clock.GetElapsedTime(startedAt);
        response.Headers["X-Response-Time"] = ((long)elapsed.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
