using PayHub.Audit;
using PayHub.WebConsole.Pages;
using PayHub.Storage;

namespace PayHub.WebConsole;

/// <summary>The journal in the console: a filtered list with a live tail, and one entry side by side.</summary>
public static class JournalPages
{
    public static RouteGroupBuilder MapJournalPages(this RouteGroupBuilder console)
    {
        console.MapGet("/journal", async (HttpContext http, Database database, AuditRecorder audit, [AsParameters] JournalQuery query) =>
        {
            await audit.SettleAsync();
            var valid = query.Problems() is null;
            var filter = valid ? query.Filter() : JournalFilter.None;
            var entries = AuditTrailStore.Journal(database, filter, query.Before, 51);
            return ConsoleEndpoints.Page<JournalList>(http, new()
            {
                ["Query"] = query,
                ["Entries"] = entries.Take(50).ToList(),
                ["Older"] = entries.Count > 50 ? entries[49].Id : (long?)null,
                ["Problem"] = valid ? null : "The time range is not readable: give instants like 2026-12-01T08:00:00+08:00.",
            });
        });

        console.MapGet("/journal/stream", (HttpContext http, Database database, [AsParameters] JournalQuery query) =>
            JournalAdminApi.WriteStreamAsync(http, database, query));

        console.MapGet("/journal/{id:long}", async (HttpContext http, Database database, AuditRecorder audit, long id) =>
        {
            await audit.SettleAsync();
            if (AuditTrailStore.JournalEntry(database, id) is not { } entry)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return ConsoleEndpoints.Page<JournalEntryPage>(http, new() { ["Entry"] = null });
            }

            var related = entry.RequestId.Length == 0
                ? []
                : AuditTrailStore.Journal(database, JournalFilter.None with { RequestId = entry.RequestId }, null, 50).Where(e => e.Id != id).ToList();
            var baseUrl = http.Request.Scheme + "://" + http.Request.Host;
            return ConsoleEndpoints.Page<JournalEntryPage>(http, new()
            {
                ["Entry"] = entry,
                ["Related"] = related,
                ["Curl"] = CurlCommand.For(entry, baseUrl),
                ["PayhubCall"] = PayhubCallCommand.For(entry, baseUrl),
            });
        });
        return console;
    }
}
