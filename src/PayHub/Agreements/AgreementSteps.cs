using PayHub.Agreements.Channels;
using PayHub.Protocols.Agreements;

namespace PayHub.Agreements;

/// <summary>
/// The agreement's life as pure decisions: what the gateway answers on its own record before any
/// channel is asked, what a channel's answer does to the agreement, and how the resolver settles
/// an unknown outcome from what the channel's book shows. Nothing here reads or writes storage.
/// </summary>
public static class AgreementSteps
{
    public static readonly TimeSpan ApplyLifetime = TimeSpan.FromMinutes(5);
    public const int MaxCodeAttempts = 5;

    /// <summary>RespInfo of a step refused because the agreement's previous step has an unknown outcome.</summary>
    public const string PreviousStepUnknown = "上一步骤渠道结果未知,请稍后查询";

    /// <summary>
    /// The gateway's own answer (EC801, EC802, EC804) when its record decides the step; null when the
    /// channel must be asked. While an earlier step's outcome is unknown, no new step goes to the
    /// channel: EC902 with <see cref="PreviousStepUnknown"/>, which is not kept (retry once settled).
    /// </summary>
    public static DspAnswer? BeforeChannel(Agreement? current, string transType, string step, long nowMs)
    {
        if (current?.State == AgreementState.Unknown)
        {
            return DspAnswer.ForStep(UnifiedCode.Unknown, PreviousStepUnknown, "");
        }

        var finalState = transType == TransType.Contract ? AgreementState.Signed : AgreementState.Unsigned;
        if (current?.State == finalState)
        {
            return DspAnswer.ForStep(UnifiedCode.AlreadyInState, null, "");
        }

        if (transType == TransType.DeContract && Agreement.IsAbsent(current))
        {
            return DspAnswer.ForStep(UnifiedCode.NotFound, null, "");
        }

        if (step == TransType.Confirm && !HasOpenApply(current, transType, nowMs))
        {
            return DspAnswer.ForStep(UnifiedCode.NoApplyOrExpired, null, "");
        }

        return null;
    }

    /// <summary>QryContract from the gateway's record: the state with AuthCode, DeadLine and SingleLimit, or <c>none</c>/EC802.</summary>
    public static DspAnswer Query(Agreement? current) =>
        Agreement.IsAbsent(current)
            ? new DspAnswer(UnifiedCode.NotFound, UnifiedCode.DefaultMessage(UnifiedCode.NotFound), "", AgreementState.None)
            : new DspAnswer(UnifiedCode.Success, UnifiedCode.DefaultMessage(UnifiedCode.Success), "", current!.State, current.AuthCode ?? "", current.DeadLine, current.SingleLimit);

    /// <summary>What the channel's answer to a step does: the answer to give, and the agreement as it is now (null: nothing to record).</summary>
    public static (DspAnswer Answer, Agreement? Updated) AfterChannel(Agreement? current, AtsyhRequest request, ChannelResult result, long nowMs)
    {
        var transType = request.TransType!;
        var step = request.Detail.Value("Step")!;
        if (result.Outcome == ChannelOutcome.TimedOut)
        {
            var basis = current ?? New(request);
            return (DspAnswer.ForStep(UnifiedCode.Unknown, result.Message, result.OriginalCode), basis with
            {
                State = AgreementState.Unknown,
                PriorState = basis.State == AgreementState.Unknown ? basis.PriorState : basis.State,
                UnknownTransType = transType,
                UnknownStep = step,
                UnknownSinceMs = nowMs,
                UnknownChecks = 0,
                NextCheckMs = nowMs + 1000,
            });
        }

        var answer = DspAnswer.ForStep(result.UnifiedCode, result.Message, result.OriginalCode);
        switch (transType, step, result.UnifiedCode)
        {
            case (TransType.Contract, TransType.Apply, UnifiedCode.CodeSent):
                var basis = WithRequestDetails(current ?? New(request), request);
                return (answer, Open(basis, TransType.Contract, AgreementState.Pending, nowMs));
            case (TransType.DeContract, TransType.Apply, UnifiedCode.CodeSent) when current is not null:
                return (answer, Open(current, TransType.DeContract, AgreementState.UnsignPending, nowMs));
            case (TransType.Contract, TransType.Confirm, UnifiedCode.Success) when current is not null:
                return (answer with { AuthCode = result.AuthCode ?? current.AuthCode ?? "" }, Close(current, AgreementState.Signed) with { AuthCode = result.AuthCode ?? current.AuthCode });
            case (TransType.DeContract, TransType.Confirm, UnifiedCode.Success) when current is not null:
                return (answer, Close(current, AgreementState.Unsigned));
            case (_, TransType.Confirm, UnifiedCode.WrongCode) when current is not null:
                var attempts = current.CodeAttempts + 1;
                return attempts >= MaxCodeAttempts
                    ? (DspAnswer.ForStep(UnifiedCode.TooManyAttempts, null, result.OriginalCode), Close(current, current.PriorState))
                    : (answer, current with { CodeAttempts = attempts });
            case (_, TransType.Confirm, UnifiedCode.TooManyAttempts) when current is not null:
                return (answer, Close(current, current.PriorState));
            default:
                return (answer, current);
        }
    }

    /// <summary>
    /// Settles an unknown outcome from the channel's answer to a query. The agreement takes the state
    /// the channel's book shows; the request whose answer was lost gets the success of its step when
    /// the book shows it done, EC801 when the book already held the step's final state, EC802 when
    /// the book has no agreement, else EC804. Null when the query itself gave no usable answer.
    /// </summary>
    public static (DspAnswer Answer, Agreement Updated)? Settle(Agreement current, ChannelResult query)
    {
        if (query.Outcome != ChannelOutcome.Answered || query.UnifiedCode is not (UnifiedCode.Success or UnifiedCode.NotFound))
        {
            return null;
        }

        var bookState = query.UnifiedCode == UnifiedCode.NotFound ? AgreementState.None : query.ContractState ?? AgreementState.None;
        if (bookState is not (AgreementState.None or AgreementState.Pending or AgreementState.Signed or AgreementState.UnsignPending or AgreementState.Unsigned))
        {
            return null;
        }

        var transType = current.UnknownTransType!;
        var step = current.UnknownStep!;
        var target = (transType, step) switch
        {
            (TransType.Contract, TransType.Apply) => AgreementState.Pending,
            (TransType.Contract, TransType.Confirm) => AgreementState.Signed,
            (TransType.DeContract, TransType.Apply) => AgreementState.UnsignPending,
            _ => AgreementState.Unsigned,
        };
        var finalState = transType == TransType.Contract ? AgreementState.Signed : AgreementState.Unsigned;
        var unified = bookState == target ? (step == TransType.Apply ? UnifiedCode.CodeSent : UnifiedCode.Success)
            : bookState == finalState ? UnifiedCode.AlreadyInState
            : bookState == AgreementState.None ? UnifiedCode.NotFound
            : UnifiedCode.NoApplyOrExpired;
        var authCode = query.AuthCode ?? current.AuthCode;
        var answer = DspAnswer.ForStep(unified, null, query.OriginalCode, transType == TransType.Contract && step == TransType.Confirm && unified == UnifiedCode.Success ? authCode ?? "" : null);
        var updated = current with
        {
            State = bookState,
            PriorState = bookState switch
            {
                AgreementState.Pending => current.PriorState,
                AgreementState.UnsignPending => AgreementState.Signed,
                _ => bookState,
            },
            AuthCode = authCode,
            OpenStep = bookState switch
            {
                AgreementState.Pending => TransType.Contract,
                AgreementState.UnsignPending => TransType.DeContract,
                _ => null,
            },
            OpenStepAtMs = bookState is AgreementState.Pending or AgreementState.UnsignPending ? current.UnknownSinceMs : null,
            CodeAttempts = 0,
            UnknownTransType = null,
            UnknownStep = null,
            UnknownSinceMs = null,
            NextCheckMs = null,
        };
        return (answer, updated);
    }

    /// <summary>When the resolver asks again after a failed check: 1 s, 2 s, 4 s … up to a minute.</summary>
    public static long NextCheckAfter(int checks, long nowMs) => nowMs + Math.Min(60_000L, 1000L << Math.Min(checks, 6));

    private static bool HasOpenApply(Agreement? current, string transType, long nowMs) =>
        current is { OpenStep: { } open, OpenStepAtMs: { } at } && open == transType
        && current.State == (transType == TransType.Contract ? AgreementState.Pending : AgreementState.UnsignPending)
        && nowMs - at <= (long)ApplyLifetime.TotalMilliseconds;

    private static Agreement Open(Agreement basis, string openStep, string state, long nowMs) => basis with
    {
        State = state,
        PriorState = basis.State is AgreementState.Pending or AgreementState.UnsignPending or AgreementState.Unknown ? basis.PriorState : basis.State,
        OpenStep = openStep,
        OpenStepAtMs = nowMs,
        CodeAttempts = 0,
    };

    private static Agreement Close(Agreement current, string state) => current with
    {
        State = state,
        PriorState = state,
        OpenStep = null,
        OpenStepAtMs = null,
        CodeAttempts = 0,
    };

    private static Agreement New(AtsyhRequest request) => WithRequestDetails(
        new Agreement(
            0,
            request.BankCode!,
            request.Detail.Value("PayAct") ?? "",
            request.Detail.Value("RecAct") ?? "",
            request.Detail.Value("PolicyNo") ?? "",
            null,
            AgreementState.None,
            AgreementState.None,
            null,
            null,
            0,
            null,
            null,
            null,
            0,
            null,
            "",
            "",
            "",
            "",
            ""),
        request);

    private static Agreement WithRequestDetails(Agreement agreement, AtsyhRequest request)
    {
        var detail = request.Detail;
        return agreement with
        {
            PayName = detail.Value("PayName") ?? agreement.PayName,
            RecName = detail.Value("RecName") ?? agreement.RecName,
            CellPhone = detail.Value("CellPhone") ?? agreement.CellPhone,
            DeadLine = detail.Value("DeadLine") ?? agreement.DeadLine,
            SingleLimit = detail.Value("SingleLimit") ?? agreement.SingleLimit,
        };
    }
}
