using System.Text.Json;
using PayHub.Protocols.Agreements;
using PayHub.Storage;

namespace PayHub.Agreements.Channels;

/// <summary>
/// The <c>simulated</c> adapter kind: the built-in sandbox bank, answering in its channel's
/// vocabulary (setting <c>vocabulary</c>: alipay or bank; optional <c>fixedCode</c>, the SMS code
/// it always sends). Payer accounts ending <c>9901</c> are performed but their answer is lost
/// (the call runs into the channel's timeout), <c>9902</c> find the bank unavailable, <c>9903</c>
/// give an identity mismatch.
/// </summary>
public sealed class SimulatedChannel(SandboxBank bank) : IChannelAdapter, IBankInDatabase
{
    public string Kind => "simulated";

    public async Task<ChannelAnswer> SendAsync(Channel channel, AtsyhRequest request, CancellationToken cancellationToken)
    {
        if (IsSpecial(request, "9902"))
        {
            throw new ChannelUnavailableException("the sandbox bank is unavailable for accounts ending 9902");
        }

        if (IsSpecial(request, "9903"))
        {
            return IdentityMismatch(channel);
        }

        var answer = await bank.HandleAsync(channel.BankCode, channel.Setting("fixedCode"), request);
        if (IsSpecial(request, "9901"))
        {
            // The bank did it; its answer never arrives.
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        return Answer(channel, answer);
    }

    /// <summary>The bank's answer inside the step's write; the accounts whose answer is lost or whose bank is unavailable go the usual way.</summary>
    public ChannelAnswer? AnswerInWrite(WriteScope scope, Channel channel, AtsyhRequest request) =>
        IsSpecial(request, "9901") || IsSpecial(request, "9902") ? null
        : IsSpecial(request, "9903") ? IdentityMismatch(channel)
        : Answer(channel, bank.Handle(scope, channel.BankCode, channel.Setting("fixedCode"), request));

    /// <summary>A Contract or DeContract step whose payer account ends with <paramref name="ending"/> (queries are never special).</summary>
    private static bool IsSpecial(AtsyhRequest request, string ending) =>
        request.TransType != TransType.QryContract && (request.Detail.Value("PayAct") ?? "").EndsWith(ending, StringComparison.Ordinal);

    private static string VocabularyOf(Channel channel) => channel.Setting("vocabulary") ?? SandboxVocabulary.Bank;

    private static ChannelAnswer IdentityMismatch(Channel channel) =>
        new(ChannelOutcome.Answered, SandboxVocabulary.CodeOf(VocabularyOf(channel), SandboxOutcome.IdentityMismatch));

    private static ChannelAnswer Answer(Channel channel, SandboxAnswer answer) =>
        new(ChannelOutcome.Answered, SandboxVocabulary.CodeOf(VocabularyOf(channel), answer.Outcome), answer.AuthCode, answer.State);

    public string? CheckSettings(JsonElement settings, bool hasSecret)
    {
        var vocabulary = settings.TryGetProperty("vocabulary", out var v) ? v.GetString() : null;
        if (!SandboxVocabulary.IsKnown(vocabulary))
        {
            return "settings.vocabulary must be alipay or bank";
        }

        if (settings.TryGetProperty("fixedCode", out var code) && code.ValueKind != JsonValueKind.Null &&
            (code.ValueKind != JsonValueKind.String || code.GetString() is not { Length: >= 4 and <= 8 } text || !text.All(char.IsAsciiDigit)))
        {
            return "settings.fixedCode must be 4 to 8 digits, or null for random codes";
        }

        return null;
    }

    public IEnumerable<CodeMapEntry> DefaultCodeMap(JsonElement settings) =>
        SandboxVocabulary.DefaultCodeMap(settings.TryGetProperty("vocabulary", out var v) ? v.GetString()! : SandboxVocabulary.Bank);
}
