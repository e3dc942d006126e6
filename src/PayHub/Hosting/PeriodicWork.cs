namespace PayHub.Hosting;

/// <summary>
/// A background job that makes one pass every interval (the DSP resolver, the risk push sender). A
/// pass that fails is logged and the job goes on: the next tick tries again.
/// </summary>
public abstract partial class PeriodicWork(TimeSpan interval, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The clock the job's ticks and its own decisions follow.</summary>
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    /// <summary>An interval from milliseconds of configuration, at least 10 ms.</summary>
    protected static TimeSpan Every(int milliseconds) => TimeSpan.FromMilliseconds(Math.Max(10, milliseconds));

    /// <summary>One pass of the job.</summary>
    protected abstract Task RunOnceAsync(CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped, or disposed by a host whose start failed (a port in use): an end, not a failure.
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
#pragma warning disable CA1031 // the job must outlive any one failure; it tries again next tick
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogFailed(Logger, e, GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job}: a pass failed; the next one tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job);
}
