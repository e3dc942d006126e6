using System.Globalization;
using System.Security.Cryptography;
using PayHub.Protocols.Agreements;
using PayHub.Storage;

namespace PayHub.Agreements.Channels;

/// <summary>
/// The sandbox bank behind every <c>simulated</c> channel: its own agreement book
/// (<c>dsp_sandbox_agreements</c>) and SMS outbox (<c>dsp_sms_outbox</c>). It sends a code at
/// step 01 (the channel's fixed sandbox code, or six random digits), checks it at step 02 (valid
/// 5 minutes), issues 20-digit agreement numbers, and answers queries from its book. Each request
/// is one group-committed write (its own, or the step's: <see cref="IBankInDatabase"/>), so the book survives restarts and a lost answer can be found later.
/// </summary>
public sealed class SandboxBank(GroupCommit groupCommit, Sandbox.BusinessClock clock)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    public Task<SandboxAnswer> HandleAsync(string bankCode, string? fixedCode, AtsyhRequest request) =>
        groupCommit.WriteAsync("sandbox-bank/" + AgreementStore.OwnerKey(bankCode, request.Detail), scope => Handle(scope, bankCode, fixedCode, request));

    /// <summary>The bank's answer, and its change of its books, inside a write already open (the step's: <see cref="IBankInDatabase"/>).</summary>
    public SandboxAnswer Handle(WriteScope scope, string bankCode, string? fixedCode, AtsyhRequest request)
    {
        var detail = request.Detail;
        var entry = SandboxBankStore.Find(scope, bankCode, detail);
        var now = clock.GetUtcNow();
        var step = detail.Value("Step");
        switch (request.TransType, step)
        {
            case (TransType.QryContract, _):
                return entry is null ? new(SandboxOutcome.NotFound) : new(SandboxOutcome.Success, entry.AuthCode, entry.State);
            case (TransType.Contract, TransType.Apply):
                if (entry?.State == "signed")
                {
                    return new(SandboxOutcome.AlreadyInState, entry.AuthCode, entry.State);
                }

                SendCode(scope, bankCode, fixedCode, detail, entry, "pending", "签约", now);
                return new(SandboxOutcome.CodeSent, null, "pending");
            case (TransType.Contract, TransType.Confirm):
                if (entry?.State == "signed")
                {
                    return new(SandboxOutcome.AlreadyInState, entry.AuthCode, entry.State);
                }

                return Confirm(scope, entry, "pending", "signed", detail.Value("SmsCode"), now, issueAuthCode: true);
            case (TransType.DeContract, TransType.Apply):
                if (entry is null || entry.State == "pending")
                {
                    return new(SandboxOutcome.NotFound);
                }

                if (entry.State == "unsigned")
                {
                    return new(SandboxOutcome.AlreadyInState, entry.AuthCode, entry.State);
                }

                SendCode(scope, bankCode, fixedCode, detail, entry, "unsign_pending", "解约", now);
                return new(SandboxOutcome.CodeSent, entry.AuthCode, "unsign_pending");
            case (TransType.DeContract, TransType.Confirm):
                if (entry is null)
                {
                    return new(SandboxOutcome.NotFound);
                }

                return entry.State == "unsigned"
                    ? new(SandboxOutcome.AlreadyInState, entry.AuthCode, entry.State)
                    : Confirm(scope, entry, "unsign_pending", "unsigned", detail.Value("SmsCode"), now, issueAuthCode: false);
            default:
                throw new InvalidOperationException($"the sandbox bank got {request.TransType} step {step}");
        }
    }

    private static SandboxAnswer Confirm(WriteScope scope, SandboxBookEntry? entry, string appliedState, string confirmedState, string? smsCode, DateTimeOffset now, bool issueAuthCode)
    {
        if (entry is null || entry.State != appliedState || entry.Code is null || now.ToUnixTimeMilliseconds() - entry.CodeSentMs > (long)CodeLifetime.TotalMilliseconds)
        {
            return new(SandboxOutcome.CodeExpired, entry?.AuthCode, entry?.State);
        }

        if (!string.Equals(smsCode, entry.Code, StringComparison.Ordinal))
        {
            return new(SandboxOutcome.WrongCode, entry.AuthCode, entry.State);
        }

        var authCode = issueAuthCode ? NewAuthCode() : entry.AuthCode;
        SandboxBankStore.Confirm(scope, entry, confirmedState, authCode, now);
        return new(SandboxOutcome.Success, authCode, confirmedState);
    }

    private static void SendCode(WriteScope scope, string bankCode, string? fixedCode, AtsyhFields detail, SandboxBookEntry? entry, string state, string purpose, DateTimeOffset now)
    {
        var code = fixedCode ?? RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        SandboxBankStore.CodeSent(
            scope,
            bankCode,
            entry?.PayAct ?? detail.Value("PayAct"),
            entry?.RecAct ?? detail.Value("RecAct"),
            entry?.PolicyNo ?? detail.Value("PolicyNo") ?? "",
            state,
            code,
            detail.Value("CellPhone") ?? "",
            $"【{bankCode}】您正在办理代扣协议{purpose},验证码{code},5分钟内有效。",
            now);
    }

    /// <summary>A 20-digit agreement number, as the sandbox bank issues them.</summary>
    private static string NewAuthCode() =>
        RandomNumberGenerator.GetInt32(1, 10).ToString(CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetInt32(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetInt32(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetInt32(0, 10).ToString(CultureInfo.InvariantCulture);
}
