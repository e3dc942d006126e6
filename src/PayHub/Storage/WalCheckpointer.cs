using Dapper;

namespace PayHub.Storage;

/// <summary>
/// Copies the SQLite write-ahead log back into the database file once a second, on a connection
/// of its own, so the group-commit writer (whose automatic checkpoints are off) never stalls a
/// batch on a checkpoint.
/// </summary>
public sealed partial class WalCheckpointer(Database database, ILogger<WalCheckpointer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Checkpoint("PASSIVE");
            }
        }
        catch (OperationCanceledException)
        {
        }

        Checkpoint("TRUNCATE");
    }

    private void Checkpoint(string mode)
    {
        try
        {
            using var connection = database.Open();
            connection.Execute($"PRAGMA wal_checkpoint({mode})");
        }
#pragma warning disable CA1031 // a missed checkpoint is retried on the next tick
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(logger, e, mode);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WAL checkpoint ({Mode}) failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception, string mode);
}
