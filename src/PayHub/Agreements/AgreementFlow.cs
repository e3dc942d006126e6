using PayHub.Agreements.Channels;
using PayHub.Protocols.Agreements;
using PayHub.Storage;

namespace PayHub.Agreements;

/// <summary>
/// A validated, routed request from its ReqSeqID on: claim the ReqSeqID, let the gateway's record
/// answer or ask the channel, then in one group-committed write store the agreement's new state,
/// its history line, the kept answer and the audit row together. A bank in PayHub's own database (the
/// sandbox bank) is asked inside one write that does all of it.
/// </summary>
public sealed class AgreementFlow(
    Database database,
    GroupCommit groupCommit,
    ReqSeqIdRegister register,
    ChannelCaller channels,
    Sandbox.BusinessClock clock)
{
    public async Task<DspAnswer> AnswerAsync(DspExchange exchange, AtsyhRequest request, Channel channel, CancellationToken cancellationToken)
    {
        var clientId = exchange.ClientId!;
        var reqSeqId = request.Detail.Value("ReqSeqID")!;
        var fingerprint = ReqSeqIdRegister.Fingerprint(request);
        var bankInDatabase = exchange.Trigger is null ? channels.AdapterOf(channel.Kind) as IBankInDatabase : null;
        var claimed = bankInDatabase is null ? null : await AnswerWithBankAsync(bankInDatabase, exchange, request, channel, fingerprint);
        if (claimed?.Answer is { } answered)
        {
            return answered;
        }

        var claim = claimed?.Claim ?? await register.ClaimAsync(clientId, reqSeqId, fingerprint);
        if (claim.Kind == ClaimKind.InProgress)
        {
            claimed = null;
            var patience = TimeSpan.FromMilliseconds(channel.TimeoutMs) + TimeSpan.FromSeconds(5);
            claim = await register.AwaitAnswerAsync(clientId, reqSeqId, fingerprint, patience, cancellationToken);
        }

        switch (claim.Kind)
        {
            case ClaimKind.Reused:
                var first = Storage.AuditTrailStore.FirstRequestId(database, "dsp", clientId, reqSeqId);
                exchange.Refuse("reqseqid", $"ReqSeqID {reqSeqId} was first used by request {first ?? "(no longer in the journal)"} with other content (BankCode, TransType, CommandCode or a DetailRecord field differs)");
                return claim.Answer!;
            case ClaimKind.Kept:
                return claim.Answer!;
            case ClaimKind.Unknown:
                return claim.Answer ?? DspAnswer.ForStep(UnifiedCode.Unknown, null, "");
        }

        var channelCalled = false;
        try
        {
            // A claim made with the bank and left unanswered: the bank is asked the usual way.
            var ownAnswer = claimed is not null
                ? null
                : OwnAnswer(exchange, request, await database.ReadAsync(reader => AgreementStore.FindAsync(reader, channel.BankCode, request.Detail)));
            ChannelResult? result = null;
            if (ownAnswer is null)
            {
                channelCalled = true;
                result = exchange.Trigger?.Code is { } triggered ? channels.Triggered(channel, request, triggered) : await channels.CallAsync(channel, request);
            }

            var answer = await groupCommit.WriteAsync(
                AgreementStore.OwnerKey(request.BankCode!, request.Detail),
                scope => Record(scope, exchange, request, AgreementStore.FindForChange(scope, request.BankCode!, request.Detail), ownAnswer, result));
            if (result is not null && answer.UnifiedCode is UnifiedCode.Success or UnifiedCode.CodeSent)
            {
                exchange.MadeEffect();
            }

            return answer;
        }
        catch when (!channelCalled)
        {
            await register.ReleaseAsync(clientId, reqSeqId);
            throw;
        }
    }

    /// <summary>
    /// The gateway's own answer from the agreement as it stands (a query's, or a step its state refuses), or null when the
    /// channel must be asked; a sandbox trigger always asks it (or answers a query from nothing).
    /// </summary>
    private DspAnswer? OwnAnswer(DspExchange exchange, AtsyhRequest request, Agreement? agreement)
    {
        var triggered = exchange.Trigger?.Code;
        var transType = request.TransType!;
        return transType == TransType.QryContract
            ? AgreementSteps.Query(triggered is null ? agreement : null)
            : triggered is null ? AgreementSteps.BeforeChannel(agreement, transType, request.Detail.Value("Step")!, clock.GetUtcNow().ToUnixTimeMilliseconds()) : null;
    }

    /// <summary>
    /// For a bank that keeps its books in PayHub's database (the sandbox bank): one write claims the ReqSeqID, locks the
    /// agreement, lets the bank answer and records the answer, so the whole step commits together (one transaction, not
    /// three, and no read of its own). A claim that is not this request's is returned for the usual handling, and so is
    /// an owned claim the bank must be asked about the usual way (an answer that is lost, a bank that is unavailable).
    /// </summary>
    private async Task<BankClaim> AnswerWithBankAsync(IBankInDatabase bank, DspExchange exchange, AtsyhRequest request, Channel channel, string fingerprint)
    {
        var at = clock.GetUtcNow();
        var start = channels.Start();
        var claimed = await groupCommit.WriteAsync(AgreementStore.OwnerKey(request.BankCode!, request.Detail), scope =>
        {
            var claim = ReqSeqIdRegister.ClaimInWrite(scope, exchange.ClientId!, request.Detail.Value("ReqSeqID")!, fingerprint, at);
            if (claim.Kind != ClaimKind.Owned)
            {
                return new BankClaim(claim, null, null);
            }

            var current = AgreementStore.FindForChange(scope, request.BankCode!, request.Detail);
            var ownAnswer = OwnAnswer(exchange, request, current);
            if (ownAnswer is not null)
            {
                return new BankClaim(claim, Record(scope, exchange, request, current, ownAnswer, null), null);
            }

            return bank.AnswerInWrite(scope, channel, request) is { } bankAnswer
                ? new BankClaim(claim, Record(scope, exchange, request, current, null, channels.Mapped(channel, request, bankAnswer)), bankAnswer)
                : new BankClaim(claim, null, null);
        });
        if (claimed.BankAnswer is { } said)
        {
            channels.MeasureAnsweredInWrite(channel, request, said, start);
            if (claimed.Answer!.UnifiedCode is UnifiedCode.Success or UnifiedCode.CodeSent)
            {
                exchange.MadeEffect();
            }
        }

        return claimed;
    }

    /// <summary>What the write with the bank did: the claim, and the step's answer when it answered (with the bank's own, when the bank was asked).</summary>
    private sealed record BankClaim(Claim Claim, DspAnswer? Answer, ChannelAnswer? BankAnswer);

    /// <summary>
    /// What an answered request writes: the agreement (<paramref name="current"/>, read again inside the write and
    /// locked), its history, the register and the audit row.
    /// </summary>
    private DspAnswer Record(WriteScope scope, DspExchange exchange, AtsyhRequest request, Agreement? current, DspAnswer? ownAnswer, ChannelResult? result)
    {
        var now = clock.GetUtcNow();
        var transType = request.TransType!;
        var step = transType == TransType.QryContract ? "" : request.Detail.Value("Step")!;
        DspAnswer answer;
        Agreement? updated;
        if (result is null)
        {
            (answer, updated) = (ownAnswer!, current);
        }
        else if (result.Outcome == ChannelOutcome.Unavailable)
        {
            (answer, updated) = (DspAnswer.Refuse(UnifiedCode.Unavailable, result.Message), null);
        }
        else
        {
            (answer, updated) = AgreementSteps.AfterChannel(current, request, result, now.ToUnixTimeMilliseconds());
        }

        long? agreementId = current?.Id;
        if (updated is not null && transType != TransType.QryContract)
        {
            agreementId = AgreementStore.Save(scope, updated, new AgreementEvent(
                exchange.ClientId!,
                transType,
                step,
                request.Detail.Value("ReqSeqID")!,
                result?.OriginalCode ?? "",
                answer.UnifiedCode,
                current?.State ?? AgreementState.None,
                updated.State,
                result is null ? "answered from the gateway's record" : $"channel {request.BankCode}: {answer.RespInfo}"), now);
        }

        if (result is null && answer.UnifiedCode == UnifiedCode.Unknown)
        {
            // Refused because an earlier step is unknown: this request's own outcome is not unknown, and a retry may succeed.
            ReqSeqIdRegister.Release(scope, exchange.ClientId!, request.Detail.Value("ReqSeqID")!);
        }
        else
        {
            ReqSeqIdRegister.Finish(scope, exchange.ClientId!, request.Detail.Value("ReqSeqID")!, agreementId, answer);
        }

        exchange.RecordAudit(scope, exchange.AuditOf(answer));
        return answer;
    }
}
