using Microsoft.Extensions.Options;
using PayHub.Agreements.Channels;
using PayHub.Hosting;
using PayHub.Protocols.Agreements;
using PayHub.Storage;

namespace PayHub.Agreements;

/// <summary>
/// Settles agreements whose channel answer never came (<c>unknown</c>, EC902). It asks the channel
/// with a query, and the agreement takes the state the channel's book shows; the request whose
/// answer was lost keeps the settled answer for its repeats. A query that gets no usable answer is
/// tried again later, 1 s, 2 s, 4 s … up to a minute apart. Nothing is guessed: until the channel
/// says, the agreement stays unknown. Several nodes run this at once: each pass takes its due
/// agreements in one write (their next check moves past the lease, <see cref="PayHubOptions.LeaseMs"/>),
/// so each is asked about by one node, and one that dies mid-question leaves them due again when the
/// lease ends. The settling write also checks that the agreement is still unknown with the same
/// number of checks, so a node that outlived its lease settles nothing twice.
/// </summary>
public sealed partial class UnknownOutcomeResolver(
    GroupCommit groupCommit,
    ChannelDirectory channels,
    ChannelCaller caller,
    IOptions<PayHubOptions> options,
    TimeProvider clock,
    Sandbox.BusinessClock businessClock,
    ILogger<UnknownOutcomeResolver> logger) : PeriodicWork(Every(options.Value.DspResolverIntervalMs), clock, logger)
{
    public const string Actor = "resolver";

    protected override Task RunOnceAsync(CancellationToken stoppingToken) => ResolveDueAsync();

    /// <summary>One pass: asks about every agreement that is due, up to 50.</summary>
    public async Task ResolveDueAsync()
    {
        var nowMs = businessClock.GetUtcNow().ToUnixTimeMilliseconds();
        var due = await groupCommit.WriteAsync(scope => AgreementStore.ClaimDueForResolution(scope, nowMs, nowMs + options.Value.EffectiveLeaseMs, 50));
        await Task.WhenAll(due.Select(ResolveAsync));
    }

    private async Task ResolveAsync(Agreement agreement)
    {
        var channel = channels.Find(agreement.BankCode);
        var result = channel is null
            ? null
            : await caller.CallAsync(channel, QueryOf(agreement, channel));
        var settled = result is null ? null : AgreementSteps.Settle(agreement, result);
        Telemetry.PayHubMeter.ResolverSettled.Add(1, new KeyValuePair<string, object?>("payhub.outcome", settled is null ? "still_unknown" : "settled"));
        await groupCommit.WriteAsync(scope =>
        {
            var current = AgreementStore.FindByIdForChange(scope, agreement.Id);
            if (current is null || current.State != AgreementState.Unknown || current.UnknownChecks != agreement.UnknownChecks)
            {
                return false;
            }

            var now = businessClock.GetUtcNow();
            if (settled is { } s)
            {
                AgreementStore.Save(scope, s.Updated, new AgreementEvent(
                    Actor, current.UnknownTransType!, current.UnknownStep!, "", result!.OriginalCode, s.Answer.UnifiedCode,
                    AgreementState.Unknown, s.Updated.State, $"settled: the channel's book shows {result.ContractState ?? AgreementState.None}"), now);
                ReqSeqIdRegister.Settle(scope, current.Id, s.Answer);
                LogSettled(Logger, current.Id, s.Updated.State, s.Answer.UnifiedCode);
            }
            else
            {
                var checks = current.UnknownChecks + 1;
                AgreementStore.Save(scope, current with { UnknownChecks = checks, NextCheckMs = AgreementSteps.NextCheckAfter(checks, now.ToUnixTimeMilliseconds()) }, new AgreementEvent(
                    Actor, current.UnknownTransType!, current.UnknownStep!, "", result?.OriginalCode ?? "", result?.UnifiedCode ?? "",
                    AgreementState.Unknown, AgreementState.Unknown, channel is null ? "channel no longer configured; will ask again" : $"query got no usable answer ({result!.UnifiedCode}); will ask again"), now);
            }

            return true;
        });
    }

    private static AtsyhRequest QueryOf(Agreement agreement, Channel channel)
    {
        var query = new AtsyhRequest();
        query.Header.Set("BankCode", agreement.BankCode)
            .Set("TransType", TransType.QryContract)
            .Set("CommandCode", channel.CommandCodes.FirstOrDefault() ?? "")
            .Set("TransSeqID", $"RSLV{agreement.Id}-{agreement.UnknownChecks}");
        query.Detail.Set("ReqSeqID", $"RSLV{agreement.Id}-{agreement.UnknownChecks}-{Guid.NewGuid():N}"[..40]);
        if (agreement.AuthCode is { } authCode)
        {
            query.Detail.Set("AuthCode", authCode);
        }

        query.Detail.Set("PayAct", agreement.PayAct).Set("RecAct", agreement.RecAct);
        if (agreement.PolicyNo.Length > 0)
        {
            query.Detail.Set("PolicyNo", agreement.PolicyNo);
        }

        return query;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agreement {AgreementId} settled as {State} ({UnifiedCode})")]
    private static partial void LogSettled(ILogger logger, long agreementId, string state, string unifiedCode);
}
