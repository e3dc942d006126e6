using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PayHub.Protocols;
using PayHub.Protocols.RiskCases;

namespace PayHub.Client.RiskCases;

/// <summary>What checking an inbound push gave: the case when it is genuine, else the return code to answer and why.</summary>
/// <param name="ReturnCode">10000 when genuine; 10001 unreadable, 10003 unknown accessid, 10002 wrong sign or stale timestamp.</param>
/// <param name="Problem">Why it was refused; empty when genuine.</param>
/// <param name="AccessId">The accessid the push names.</param>
/// <param name="Case">The case, when genuine.</param>
public sealed record RiskCasePushCheck(int ReturnCode, string Problem, string? AccessId, RiskCase? Case)
{
    /// <summary>True when the push is signed with the accessid's secret and fresh.</summary>
    public bool IsGenuine => ReturnCode == RiskReturnCode.Success && Case is not null;
}

/// <summary>
/// The agent's side of a push: the platform POSTs each new or changed case as one flat JSON object (the row's fields
/// plus <c>accessid</c>, <c>timestamp</c> and <c>sign</c>) to the agent's notify URL, and counts it delivered when the
/// answer is HTTP 200 with <c>return_code</c> 10000; otherwise it retries later. A push may come more than once:
/// handle it idempotently (by caseNo and auditStatus).
/// </summary>
public static class RiskCasePushReceiver
{
    /// <summary>How far a push's timestamp may be from the receiver's clock, as for requests.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(5);

    /// <summary>Checks a push body: readable, from a known accessid, signed with its secret, and fresh.</summary>
    /// <param name="body">The body as received.</param>
    /// <param name="secretOf">The secret of an accessid this receiver serves; null for one it does not know.</param>
    /// <param name="clock">The clock the timestamp is held to; the system's when null.</param>
    public static RiskCasePushCheck Check(ReadOnlySpan<byte> body, Func<string, string?> secretOf, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(secretOf);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = BodyLimits.MaxNesting });
        }
        catch (JsonException e)
        {
            return new(RiskReturnCode.BadParameter, "not JSON: " + e.Message, null, null);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new(RiskReturnCode.BadParameter, "not a JSON object", null, null);
            }

            var accessId = root.TryGetProperty("accessid", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            if (string.IsNullOrEmpty(accessId) || secretOf(accessId) is not { } secret)
            {
                return new(RiskReturnCode.UnknownAccessId, $"accessid {accessId ?? "(none)"} is not one this receiver serves", accessId, null);
            }

            if (!RiskSign.Verify(root, secret))
            {
                return new(RiskReturnCode.BadSign, "the sign is missing or not this accessid's", accessId, null);
            }

            if (root.TryGetProperty("timestamp", out var stamp)
                && (!TryMilliseconds(stamp, out var milliseconds)
                    || (clock ?? TimeProvider.System).GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) is var age && age.Duration() > Freshness))
            {
                return new(RiskReturnCode.BadSign, "the timestamp is more than 5 minutes from this receiver's clock", accessId, null);
            }

            var riskCase = root.Deserialize(RiskCasesJson.Default.RiskCase);
            return riskCase is { CaseNo.Length: > 0 }
                ? new(RiskReturnCode.Success, "", accessId, riskCase)
                : new(RiskReturnCode.BadParameter, "caseNo missing", accessId, null);
        }
    }

    /// <summary>
    /// Maps a POST endpoint at <paramref name="pattern"/> that checks each push and hands a genuine one to
    /// <paramref name="onCase"/>, answering <c>{"return_code":10000,"return_msg":""}</c> once it returns (a refusal's code
    /// otherwise, so the platform retries). An exception from <paramref name="onCase"/> answers HTTP 500: retried too.
    /// </summary>
    public static RouteHandlerBuilder MapRiskCasePushes(
        this IEndpointRouteBuilder endpoints, string pattern, Func<string, string?> secretOf, Func<RiskCase, string, CancellationToken, Task> onCase)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(onCase);
        var clock = endpoints.ServiceProvider.GetService(typeof(TimeProvider)) as TimeProvider;
        return endpoints.MapPost(pattern, async (HttpContext http) =>
        {
            var body = await ReadAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
            var check = body is null
                ? new RiskCasePushCheck(RiskReturnCode.BadParameter, $"body larger than {BodyLimits.MaxBodyBytes} bytes", null, null)
                : Check(body, secretOf, clock);
            if (check.IsGenuine)
            {
                await onCase(check.Case!, check.AccessId!, http.RequestAborted).ConfigureAwait(false);
            }

            return Results.Json(new RiskAnswer { ReturnCode = check.ReturnCode, ReturnMsg = check.Problem }, RiskCasesJson.Default.RiskAnswer);
        });
    }

    private static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > BodyLimits.MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool TryMilliseconds(JsonElement stamp, out long milliseconds)
    {
        milliseconds = 0;
        return stamp.ValueKind switch
        {
            JsonValueKind.Number => stamp.TryGetInt64(out milliseconds),
            JsonValueKind.String => long.TryParse(stamp.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out milliseconds),
            _ => false,
        };
    }
}
