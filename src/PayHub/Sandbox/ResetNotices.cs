using PayHub.Storage;

namespace PayHub.Sandbox;

/// <summary>
/// On a PostgreSQL sandbox, this node's ear for resets: it listens on <see cref="SandboxReset.NoticeChannel"/>, forgets its
/// caches when any node resets and says so (the reset waits for that), and once its own probe has come back through the
/// database (<see cref="SandboxReset.ProbeAsync"/>) the node's requests no longer ask the database for the reset generation
/// (a round trip each). When the connection fails, requests ask again until it listens again (a second later). Nothing to do on SQLite, where asking costs
/// no round trip.
/// </summary>
public sealed partial class ResetNotices(Database database, SandboxReset reset, ILogger<ResetNotices> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Engine != DatabaseEngine.PostgreSql || !database.Sandbox)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Notices.ListenAsync(database, SandboxReset.NoticeChannel, reset.ProbeAsync, reset.Heard, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the listener must outlive any failure of its connection: requests ask meanwhile
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogListenerLost(logger, e);
            }
            finally
            {
                reset.HearsResets = false;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox reset notices: the listening connection failed; requests ask the database for resets until it listens again")]
    private static partial void LogListenerLost(ILogger logger, Exception exception);
}
