using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using PayHub.Hosting;
using PayHub.Storage;

namespace PayHub.Audit;

/// <summary>
/// <c>/admin/journal</c>: the request journal, filtered and paged newest first; one exchange by its request id; and a
/// live stream of new entries (server-sent events) that every node's writes reach, as they all write to the one
/// database. These handlers, and the stream above all, run on the thread pool, never on a socket thread.
/// </summary>
public static class JournalAdminApi
{
    private static readonly TimeSpan StreamPoll = TimeSpan.FromMilliseconds(500);

    private static readonly System.Text.Json.JsonWriterOptions JsonWriting = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RouteGroupBuilder MapJournalAdmin(this RouteGroupBuilder admin)
    {
        var journal = admin.MapGroup("/journal").WithTags("Journal").RunsOnThreadPool();
        journal.MapGet("", async Task<IResult> (Database database, AuditRecorder audit, [AsParameters] JournalQuery query) =>
            {
                if (query.Problems() is { } invalid)
                {
                    return invalid;
                }

                await audit.SettleAsync();
                var limit = Math.Clamp(query.Limit ?? 50, 1, 500);
                var entries = AuditTrailStore.Journal(database, query.Filter(), query.Before, limit + 1);
                return TypedResults.Ok(new JournalPage(entries.Take(limit).ToList(), entries.Count > limit ? entries[limit - 1].Id : null));
            })
            .WithName("ListJournal").Produces<JournalPage>(200).ProducesValidationProblem()
            .WithSummary("Journal entries, newest first: filters family, operation, caller, code, status, from, to, requestId, text; cursor before, limit");

        journal.MapGet("/stream", (Database database, HttpContext http, [AsParameters] JournalQuery query) => WriteStreamAsync(http, database, query))
            .WithName("StreamJournal").Produces<string>(200, "text/event-stream")
            .WithSummary("New journal entries as they are written (server-sent events, event 'entry', the entry's id as the event id), with the filters of the list");

        journal.MapGet("/{requestId}", async (string requestId, Database database, AuditRecorder audit) =>
            {
                await audit.SettleAsync();
                return AuditTrailStore.Journal(database, new JournalFilter(null, null, null, null, null, null, null, requestId, null), null, 50) is { Count: > 0 } entries
                    ? Results.Ok(entries)
                    : Admin.AdminApi.NotFound($"no journal entry has request id {requestId}");
            })
            .WithName("GetJournalEntry").ProducesProblem(404).Produces<List<JournalEntryView>>(200)
            .WithSummary("The journal entries of one request id: the exchange, and any sandbox note (trigger, fault) about it");
        return admin;
    }

    /// <summary>
    /// Streams new entries matching the query as server-sent events until the listener goes (the admin API's stream
    /// and the console's live tail), from the entry after <c>Last-Event-ID</c>, <c>after</c>, or the newest.
    /// </summary>
    public static async Task WriteStreamAsync(HttpContext http, Database database, JournalQuery query)
    {
        if (query.Problems() is { } invalid)
        {
            await invalid.ExecuteAsync(http);
            return;
        }

        var after = long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), out var lastSeen) ? lastSeen : query.After ?? AuditTrailStore.NewestId(database);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // A comment line, flushed: the listener (and any proxy between) knows at once that the stream is open.
        await http.Response.Body.WriteAsync(": listening\n\n"u8.ToArray(), http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        try
        {
            await SseFormatter.WriteAsync(
                StreamAsync(database, query.Filter(), after, http.RequestAborted),
                http.Response.Body,
                (item, writer) =>
                {
                    using var json = new System.Text.Json.Utf8JsonWriter(writer, JsonWriting);
                    System.Text.Json.JsonSerializer.Serialize(json, item.Data, AuditJson.Default.JournalEntryView);
                },
                http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The listener went away.
        }
    }

    private static async IAsyncEnumerable<SseItem<JournalEntryView>> StreamAsync(
        Database database, JournalFilter filter, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(StreamPoll);
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var entry in AuditTrailStore.JournalAfter(database, filter, after, 200))
            {
                after = entry.Id;
                yield return new SseItem<JournalEntryView>(entry, "entry") { EventId = entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            }

            try
            {
                await timer.WaitForNextTickAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
