using PayHub.Protocols.Agreements;
using PayHub.Sandbox;

namespace PayHub.Agreements;

/// <summary>
/// The gateway's sandbox triggers, carried in <c>ReqSeqID</c> (<c>SANDBOX_EC806</c>). A triggered channel outcome
/// stands in for the channel's answer — the channel's own code for it from the code map, the agreement's state moved
/// as that answer moves it, the answer kept under the ReqSeqID — whatever the agreement's state; the channel itself
/// is not called. EC902 leaves the agreement unknown until the resolver asks the channel, as a lost answer does.
/// </summary>
public static class DspTriggers
{
    private static readonly string[] Steps = ["Contract/01", "Contract/02", "DeContract/01", "DeContract/02"];
    private static readonly string[] Confirms = ["Contract/02", "DeContract/02"];

    public static TriggerCatalogue Catalogue { get; } = new(
        "dsp",
        "ReqSeqID",
        "_",
        [.. Steps, "QryContract"],
        Steps,
        [
            (UnifiedCode.AlreadyInState, Steps, "fail, as for an agreement already in the requested state"),
            (UnifiedCode.NotFound, ["DeContract/01", "DeContract/02", "QryContract"], "fail (QryContract: ContractState none), as for no such agreement"),
            (UnifiedCode.WrongCode, Confirms, "fail, as for a wrong SmsCode; counts towards the five attempts of an open step 01"),
            (UnifiedCode.NoApplyOrExpired, Confirms, "fail, as for no step 01 within 5 minutes"),
            (UnifiedCode.TooManyAttempts, Confirms, "fail, as for the fifth wrong code; voids an open step 01"),
            (UnifiedCode.AccountRefused, Steps, "fail, as for an account the channel refuses"),
            (UnifiedCode.IdentityMismatch, Steps, "fail, as for a payer whose name, certificate or phone do not match"),
            (UnifiedCode.Unknown, Steps, "unknown: the agreement stays unknown until the resolver settles it from the channel's book"),
            (UnifiedCode.Unavailable, Steps, "RespCode -1, as for a channel that cannot be reached; not kept, safe to retry"),
            (UnifiedCode.RateLimited, [.. Steps, "QryContract"], "RespCode -1, as for a caller over its rate limit; not kept"),
            (UnifiedCode.Unmapped, Steps, "fail, as for a channel code with no row in the code map (counted as unmapped)"),
        ],
        [
            new(UnifiedCode.Success, "an ordinary request (QryContract of the demo's signed agreement, AuthCode 30101194506012712)"),
            new(UnifiedCode.CodeSent, "an ordinary step 01 (Contract/01 for a new payer on ALIPAY01)"),
            new(UnifiedCode.Malformed, "leave out a required DetailRecord field, or send a body that is not XML"),
            new(UnifiedCode.NotRouted, "BankCode NOSUCH01, or a CommandCode the channel does not support"),
            new(UnifiedCode.ReqSeqIdReused, "send a ReqSeqID again with other content (another PayAct)"),
            new(UnifiedCode.NotAuthenticated, "a wrong X-DSP-Signature, or an unknown X-DSP-Client"),
        ]);
}
