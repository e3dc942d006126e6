using PayHub.Protocols.Agreements;

namespace PayHub.Agreements.Channels;

/// <summary>
/// Calls a channel through its adapter kind, within the channel's timeout, and maps its code
/// through the channel's code map. A mapped EC902 counts as a timeout and a mapped EC904 as
/// unavailable, so a remote gateway's "unknown" stays unknown here.
/// </summary>
public sealed partial class ChannelCaller(IEnumerable<IChannelAdapter> adapters, CodeMap codes, TimeProvider clock, ILogger<ChannelCaller> logger)
{
    private readonly Dictionary<string, IChannelAdapter> _adapters = adapters.ToDictionary(a => a.Kind, StringComparer.Ordinal);

    public IChannelAdapter? AdapterOf(string kind) => _adapters.GetValueOrDefault(kind);

    public IEnumerable<string> Kinds => _adapters.Keys;

    public async Task<ChannelResult> CallAsync(Channel channel, AtsyhRequest request)
    {
        var adapter = AdapterOf(channel.Kind) ?? throw new InvalidOperationException($"channel {channel.BankCode} names adapter kind {channel.Kind}, which this build does not have");
        ChannelAnswer answer;
        using var span = StartSpan(channel, request);
        var started = clock.GetTimestamp();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(channel.TimeoutMs), clock))
        {
            try
            {
                answer = await adapter.SendAsync(channel, request, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                answer = ChannelAnswer.TimedOut;
            }
            catch (ChannelUnavailableException e)
            {
                LogUnavailable(logger, channel.BankCode, e.Message);
                answer = ChannelAnswer.Unavailable;
            }
        }

        Measure(channel, answer, clock.GetElapsedTime(started), span);
        return Mapped(channel, request, answer);
    }

    /// <summary>When a bank in PayHub's database (<see cref="IBankInDatabase"/>) was asked: its answer comes out of a write.</summary>
    public CallStart Start() => new(clock.GetUtcNow(), clock.GetTimestamp());

    /// <summary>
    /// Counts and spans an answer given inside a write that began at <paramref name="start"/>, as a call is (after the
    /// write, so that a write run again is counted once).
    /// </summary>
    public void MeasureAnsweredInWrite(Channel channel, AtsyhRequest request, ChannelAnswer answer, CallStart start)
    {
        using var span = StartSpan(channel, request, start.At);
        Measure(channel, answer, clock.GetElapsedTime(start.Timestamp), span);
    }

    /// <summary>The span of a call to the channel, from now or from <paramref name="startTime"/>.</summary>
    private static System.Diagnostics.Activity? StartSpan(Channel channel, AtsyhRequest request, DateTimeOffset startTime = default) =>
        Telemetry.PayHubActivities.Channels.StartActivity("channel " + channel.BankCode, System.Diagnostics.ActivityKind.Client, parentContext: default, startTime: startTime)?
            .SetTag("payhub.channel", channel.BankCode).SetTag("payhub.channel.kind", channel.Kind).SetTag("payhub.trans_type", request.TransType).SetTag("payhub.step", StepOf(request));

    /// <summary>
    /// What the channel's answer means: its code mapped through the channel's code map (a mapped EC902 is a timeout, a
    /// mapped EC904 unavailable). For an answer sent and for one given inside a write (<see cref="IBankInDatabase"/>) alike.
    /// </summary>
    public ChannelResult Mapped(Channel channel, AtsyhRequest request, ChannelAnswer answer)
    {
        var step = StepOf(request);
        switch (answer.Outcome)
        {
            case ChannelOutcome.TimedOut:
                LogTimedOut(logger, channel.BankCode, request.TransType ?? "", step, channel.TimeoutMs);
                return new(ChannelOutcome.TimedOut, answer.OriginalCode, UnifiedCode.Unknown, UnifiedCode.DefaultMessage(UnifiedCode.Unknown), null, null);
            case ChannelOutcome.Unavailable:
                return new(ChannelOutcome.Unavailable, "", UnifiedCode.Unavailable, UnifiedCode.DefaultMessage(UnifiedCode.Unavailable), null, null);
        }

        var (unified, message) = codes.Map(channel.BankCode, request.TransType ?? "", step, answer.OriginalCode);
        var outcome = unified switch
        {
            UnifiedCode.Unknown => ChannelOutcome.TimedOut,
            UnifiedCode.Unavailable => ChannelOutcome.Unavailable,
            _ => ChannelOutcome.Answered,
        };
        return new(outcome, answer.OriginalCode, unified, message, answer.AuthCode, answer.ContractState);
    }

    private static string StepOf(AtsyhRequest request) => request.TransType == TransType.QryContract ? "" : request.Detail.Value("Step") ?? "";

    private static void Measure(Channel channel, ChannelAnswer answer, TimeSpan took, System.Diagnostics.Activity? span)
    {
        var outcome = answer.Outcome switch
        {
            ChannelOutcome.TimedOut => "timed_out",
            ChannelOutcome.Unavailable => "unavailable",
            _ => "answered",
        };
        var channelTag = new KeyValuePair<string, object?>("payhub.channel", channel.BankCode);
        Telemetry.PayHubMeter.ChannelCalls.Add(1, channelTag, new("payhub.outcome", outcome));
        Telemetry.PayHubMeter.ChannelCallDuration.Record(took.TotalSeconds, channelTag);
        span?.SetTag("payhub.outcome", outcome).SetTag("payhub.original_code", answer.OriginalCode);
        if (answer.Outcome != ChannelOutcome.Answered)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, outcome);
        }
    }

    /// <summary>
    /// What a sandbox trigger makes the channel say, without calling it: the channel's own code that its code map
    /// gives the unified code (for EC805, the wrong-code code the gateway counts), a timeout for EC902,
    /// unavailable for EC904, a code with no mapping for EC999.
    /// </summary>
    public ChannelResult Triggered(Channel channel, AtsyhRequest request, string unifiedCode)
    {
        var transType = request.TransType ?? "";
        var step = transType == TransType.QryContract ? "" : request.Detail.Value("Step") ?? "";
        switch (unifiedCode)
        {
            case UnifiedCode.Unknown:
                return new(ChannelOutcome.TimedOut, "", UnifiedCode.Unknown, UnifiedCode.DefaultMessage(UnifiedCode.Unknown), null, null);
            case UnifiedCode.Unavailable:
                return new(ChannelOutcome.Unavailable, "", UnifiedCode.Unavailable, UnifiedCode.DefaultMessage(UnifiedCode.Unavailable), null, null);
            case UnifiedCode.Unmapped:
                var (unmapped, text) = codes.Map(channel.BankCode, transType, step, Sandbox.TriggerCatalogue.Prefix + "_UNMAPPED");
                return new(ChannelOutcome.Answered, Sandbox.TriggerCatalogue.Prefix + "_UNMAPPED", unmapped, text, null, null);
        }

        var entry = codes.Find(channel.BankCode, transType, step, unifiedCode)
            ?? (unifiedCode == UnifiedCode.TooManyAttempts ? codes.Find(channel.BankCode, transType, step, UnifiedCode.WrongCode) : null);
        return new(ChannelOutcome.Answered, entry?.OriginalCode ?? "", unifiedCode, entry?.UnifiedCode == unifiedCode ? entry.Message : UnifiedCode.DefaultMessage(unifiedCode), null, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {BankCode} unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string bankCode, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {BankCode} gave no answer to {TransType} {Step} within {TimeoutMs} ms: outcome unknown")]
    private static partial void LogTimedOut(ILogger logger, string bankCode, string transType, string step, int timeoutMs);

    /// <summary>When a call began: the instant (for its span) and the timestamp (for its duration).</summary>
    public readonly record struct CallStart(DateTimeOffset At, long Timestamp);
}
