using Microsoft.Extensions.Options;
using PayHub.Hosting;
using PayHub.Storage;

namespace PayHub.Audit;

/// <summary>
/// Keeps the journal within <c>PayHub:Journal:RetentionDays</c> and <c>MaxEntries</c>: each pass removes what is older
/// or beyond, a few thousand entries per write so that no write holds the database for long. Any node may prune.
/// </summary>
public sealed class JournalPruner(GroupCommit groupCommit, IOptions<PayHubOptions> options, TimeProvider clock, ILogger<JournalPruner> logger)
    : PeriodicWork(Every(options.Value.Journal.PruneIntervalMs), clock, logger)
{
    private const int Batch = 5000;

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        var journal = options.Value.Journal;
        var before = Clock.GetUtcNow().AddDays(-journal.RetentionDays);
        int removed;
        do
        {
            removed = await groupCommit.WriteAsync(scope => AuditTrailStore.Prune(scope, before, journal.MaxEntries, Batch));
        }
        while (removed == Batch && !stoppingToken.IsCancellationRequested);
    }
}
